package io.autorecovery.detector.template;

import io.autorecovery.detector.config.DetectorConfig;
import io.autorecovery.detector.store.TemplateStore;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Learns templates per service with a {@link TemplateTree}, saves each new or generalised
 * template in Redis and restores a service's templates on its first message after a start, so
 * template ids, and the fingerprints built from them, survive restarts. Memory is bounded: at
 * most {@code detector.templates.max-per-service} templates per service and {@code
 * detector.templates.max-services} services, least recently used evicted first.
 */
@ApplicationScoped
public class LearningTemplateMiner implements TemplateMiner {

    private final TemplateStore store;
    private final int perService;
    private final Map<String, TemplateTree> trees;

    LearningTemplateMiner(TemplateStore store, DetectorConfig config) {
        this.store = store;
        this.perService = config.templates().maxPerService();
        int services = config.templates().maxServices();
        this.trees = new LinkedHashMap<>(64, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, TemplateTree> eldest) {
                return size() > services;
            }
        };
    }

    @Override
    public MinedTemplate mine(String service, String message) {
        TokenizedLine line = LogTokenizer.tokenize(message);
        TemplateTree tree = treeOf(service);
        synchronized (tree) {
            TemplateTree.Learned learned = tree.add(line.tokens());
            LogTemplate template = learned.template();
            if (learned.created() || learned.changed()) {
                store.save(service, template.id(), template.text());
            }
            for (String evicted : tree.drainEvicted()) {
                store.forget(service, evicted);
            }

            return new MinedTemplate(template.id(), template.text(), line.maskedTokens(), line.truncated());
        }
    }

    private TemplateTree treeOf(String service) {
        synchronized (trees) {
            TemplateTree tree = trees.get(service);
            if (tree != null) {
                return tree;
            }
            tree = new TemplateTree(perService);
            for (Map.Entry<String, String> saved : store.load(service).entrySet()) {
                tree.restore(saved.getKey(), LogTokenizer.splitTemplate(saved.getValue()));
            }
            tree.drainEvicted();
            trees.put(service, tree);

            return tree;
        }
    }
}
