package io.autorecovery.rag.search;

import io.autorecovery.rag.RagConfig;
import io.autorecovery.rag.knowledge.KnowledgeDocument;
import io.autorecovery.rag.knowledge.KnowledgeStore;
import io.quarkus.logging.Log;
import io.quarkus.scheduler.Scheduled;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * The service's search index over the knowledge store. It lives in memory, is rebuilt from the
 * store at start and whenever the store changed behind its back (another replica wrote to it),
 * and reuses each document's cached vector so that only new text is embedded.
 */
@ApplicationScoped
public class KnowledgeIndex {

    private final KnowledgeStore store;
    private final TextEmbedder embedder;
    private final HybridIndex index;
    private volatile KnowledgeStore.State builtAt;

    KnowledgeIndex(KnowledgeStore store, TextEmbedder embedder, RagConfig config) {
        this.store = store;
        this.embedder = embedder;
        this.index =
                new HybridIndex(config.search().candidates(), config.search().fusionConstant());
    }

    public List<SearchHit> search(String text, int k) {
        return index.search(text, embedder.embed(text), k, HybridIndex.Mode.HYBRID);
    }

    /** The vector of a document's text, computed once when the document is written. */
    public float[] vectorOf(KnowledgeDocument document) {
        return embedder.embed(document.searchableText());
    }

    public String model() {
        return embedder.model();
    }

    /** Makes a committed write visible to search at once, without waiting for the staleness check. */
    public synchronized void written(KnowledgeDocument document, float[] vector) {
        index.put(IndexedDocument.of(document), vector);
        builtAt = store.state();
    }

    public synchronized void deleted(String id) {
        index.remove(id);
        builtAt = store.state();
    }

    /**
     * Rebuilds from the store when the index is missing or the store moved on since it was built.
     * Missing vectors are computed and cached before the index is locked, so writers never wait on it.
     */
    @Scheduled(every = "${rag.search.staleness-check:30s}", delayed = "30s")
    public void rebuildIfStale() {
        KnowledgeStore.State state = store.state();
        if (Objects.equals(state, builtAt)) {
            return;
        }
        List<IndexedDocument> documents = new ArrayList<>();
        List<float[]> vectors = new ArrayList<>();
        int embedded = 0;
        for (KnowledgeStore.Embedded stored : store.all()) {
            float[] vector = stored.vector();
            if (vector == null || !embedder.model().equals(stored.model())) {
                vector = vectorOf(stored.document());
                store.saveVector(stored.document().id(), vector, embedder.model());
                embedded++;
            }
            documents.add(IndexedDocument.of(stored.document()));
            vectors.add(vector);
        }
        replace(documents, vectors, state);
        Log.infof("search index rebuilt: %d documents, %d newly embedded", documents.size(), embedded);
    }

    private synchronized void replace(
            List<IndexedDocument> documents, List<float[]> vectors, KnowledgeStore.State state) {
        index.clear();
        index.putAll(documents, vectors);
        builtAt = state;
    }

    @PreDestroy
    void close() {
        index.close();
    }
}
