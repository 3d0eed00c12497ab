package io.autorecovery.dashboard.ingest;

import io.autorecovery.contracts.Topics;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/**
 * Takes every pipeline topic into the feed, one channel per topic. A failed record is nacked and
 * goes to the topic's dead-letter topic; consumption goes on. {@code logs.raw} is not taken: raw
 * log volume is not a pipeline event.
 */
@ApplicationScoped
public class PipelineConsumer {

    private final FeedIntake intake;

    PipelineConsumer(FeedIntake intake) {
        this.intake = intake;
    }

    @Incoming(Topics.FAULTS_DETECTED)
    public Uni<Void> faultDetected(String json) {
        return intake.accept(Topics.FAULTS_DETECTED, json);
    }

    @Incoming(Topics.INCIDENTS_CREATED)
    public Uni<Void> incidentCreated(String json) {
        return intake.accept(Topics.INCIDENTS_CREATED, json);
    }

    @Incoming(Topics.INCIDENTS_UPDATED)
    public Uni<Void> incidentUpdated(String json) {
        return intake.accept(Topics.INCIDENTS_UPDATED, json);
    }

    @Incoming(Topics.ANALYSIS_COMPLETED)
    public Uni<Void> analysisCompleted(String json) {
        return intake.accept(Topics.ANALYSIS_COMPLETED, json);
    }

    @Incoming(Topics.PATCH_PROPOSED)
    public Uni<Void> patchProposed(String json) {
        return intake.accept(Topics.PATCH_PROPOSED, json);
    }

    @Incoming(Topics.DEPLOY_REQUESTED)
    public Uni<Void> deployRequested(String json) {
        return intake.accept(Topics.DEPLOY_REQUESTED, json);
    }

    @Incoming(Topics.DEPLOY_COMPLETED)
    public Uni<Void> deployCompleted(String json) {
        return intake.accept(Topics.DEPLOY_COMPLETED, json);
    }
}
