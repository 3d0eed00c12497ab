package io.autorecovery.patch.messaging;

import io.autorecovery.contracts.AnalysisCompleted;
import io.autorecovery.contracts.EventJson;
import io.autorecovery.contracts.Topics;
import io.autorecovery.outbox.ProcessedEvents;
import io.autorecovery.patch.PatchWriter;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/** Proposes a patch for each diagnosed incident, once per analysis event. */
@ApplicationScoped
public class AnalysisListener {

    private static final String CONSUMER = "patch-service/" + Topics.ANALYSIS_COMPLETED;

    private final PatchWriter writer;
    private final ProcessedEvents processed;

    AnalysisListener(PatchWriter writer, ProcessedEvents processed) {
        this.writer = writer;
        this.processed = processed;
    }

    @Incoming(Topics.ANALYSIS_COMPLETED)
    @Transactional
    public void onAnalysis(String json) {
        processed.once(CONSUMER, EventJson.read(json, AnalysisCompleted.class), writer::propose);
    }
}
