package io.autorecovery.detector.template;

import io.autorecovery.detector.config.DetectorConfig;
import io.autorecovery.detector.store.TemplateStore;

/** Builds a miner outside the container, as a restarted service would start with. */
public final class LearningTemplateMiners {

    private LearningTemplateMiners() {}

    public static TemplateMiner fresh(TemplateStore store, DetectorConfig config) {
        return new LearningTemplateMiner(store, config);
    }
}
