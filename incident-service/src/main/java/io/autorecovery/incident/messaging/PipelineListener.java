package io.autorecovery.incident.messaging;

import io.autorecovery.contracts.AnalysisCompleted;
import io.autorecovery.contracts.DeployCompleted;
import io.autorecovery.contracts.DeployRequested;
import io.autorecovery.contracts.EventJson;
import io.autorecovery.contracts.MeshEvent;
import io.autorecovery.contracts.PatchProposed;
import io.autorecovery.contracts.Topics;
import io.autorecovery.incident.IncidentLifecycle;
import io.autorecovery.outbox.ProcessedEvents;
import io.smallrye.common.annotation.Blocking;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.concurrent.CompletionStage;
import java.util.function.Consumer;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.eclipse.microprofile.reactive.messaging.Message;

/**
 * Feeds every pipeline topic that concerns an incident into its lifecycle, once per event. A record
 * that cannot be read fails here and goes to the topic's dead-letter topic; faults, consumed in
 * batches, are dead-lettered one by one by {@link FaultIntake}.
 */
@ApplicationScoped
public class PipelineListener {

    private static final String CONSUMER = "incident-service/";

    private final IncidentLifecycle lifecycle;
    private final ProcessedEvents processed;
    private final FaultIntake faults;
    private final DatabaseOutage outage;

    PipelineListener(
            IncidentLifecycle lifecycle, ProcessedEvents processed, FaultIntake faults, DatabaseOutage outage) {
        this.lifecycle = lifecycle;
        this.processed = processed;
        this.faults = faults;
        this.outage = outage;
    }

    /**
     * Faults arrive in batches (one poll of the consumer), handled together for throughput; the batch
     * is acknowledged once each record is stored or dead-lettered.
     */
    @Incoming(Topics.FAULTS_DETECTED)
    @Blocking
    public CompletionStage<Void> onFaults(Message<List<String>> batch) {
        try {
            faults.handle(ReceivedRecord.of(batch));
        } catch (RuntimeException e) {
            // Only a dead letter the broker would not take ends here: the batch stays uncommitted.
            return batch.nack(e);
        }
        return batch.ack();
    }

    @Incoming(Topics.ANALYSIS_COMPLETED)
    @Blocking
    public void onAnalysis(String json) {
        once(Topics.ANALYSIS_COMPLETED, EventJson.read(json, AnalysisCompleted.class), lifecycle::onAnalysis);
    }

    @Incoming(Topics.PATCH_PROPOSED)
    @Blocking
    public void onPatch(String json) {
        once(Topics.PATCH_PROPOSED, EventJson.read(json, PatchProposed.class), lifecycle::onPatch);
    }

    @Incoming(Topics.DEPLOY_REQUESTED)
    @Blocking
    public void onDeployRequested(String json) {
        once(Topics.DEPLOY_REQUESTED, EventJson.read(json, DeployRequested.class), lifecycle::onDeployRequested);
    }

    @Incoming(Topics.DEPLOY_COMPLETED)
    @Blocking
    public void onDeployCompleted(String json) {
        once(Topics.DEPLOY_COMPLETED, EventJson.read(json, DeployCompleted.class), lifecycle::onDeployCompleted);
    }

    /**
     * Hands a read event to the lifecycle once, in a transaction that waits out a database outage;
     * an event the database refuses fails here and goes to the topic's dead-letter topic.
     */
    private <E extends MeshEvent> void once(String topic, E event, Consumer<E> work) {
        outage.inTransaction(topic, () -> processed.once(CONSUMER + topic, event, work));
    }
}
