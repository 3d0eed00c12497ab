package io.autorecovery.incident.messaging;

import io.autorecovery.contracts.AnalysisCompleted;
import io.autorecovery.contracts.DeployCompleted;
import io.autorecovery.contracts.DeployRequested;
import io.autorecovery.contracts.EventJson;
import io.autorecovery.contracts.FaultDetected;
import io.autorecovery.contracts.PatchProposed;
import io.autorecovery.contracts.Topics;
import io.autorecovery.incident.IncidentLifecycle;
import io.autorecovery.outbox.ProcessedEvents;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/**
 * Feeds every pipeline topic that concerns an incident into its lifecycle, once per event. A record
 * that cannot be read fails here and goes to the topic's dead-letter topic.
 */
@ApplicationScoped
public class PipelineListener {

    private static final String CONSUMER = "incident-service/";

    private final IncidentLifecycle lifecycle;
    private final ProcessedEvents processed;

    PipelineListener(IncidentLifecycle lifecycle, ProcessedEvents processed) {
        this.lifecycle = lifecycle;
        this.processed = processed;
    }

    @Incoming(Topics.FAULTS_DETECTED)
    @Transactional
    public void onFault(String json) {
        processed.once(
                CONSUMER + Topics.FAULTS_DETECTED, EventJson.read(json, FaultDetected.class), lifecycle::onFault);
    }

    @Incoming(Topics.ANALYSIS_COMPLETED)
    @Transactional
    public void onAnalysis(String json) {
        processed.once(
                CONSUMER + Topics.ANALYSIS_COMPLETED,
                EventJson.read(json, AnalysisCompleted.class),
                lifecycle::onAnalysis);
    }

    @Incoming(Topics.PATCH_PROPOSED)
    @Transactional
    public void onPatch(String json) {
        processed.once(CONSUMER + Topics.PATCH_PROPOSED, EventJson.read(json, PatchProposed.class), lifecycle::onPatch);
    }

    @Incoming(Topics.DEPLOY_REQUESTED)
    @Transactional
    public void onDeployRequested(String json) {
        processed.once(
                CONSUMER + Topics.DEPLOY_REQUESTED,
                EventJson.read(json, DeployRequested.class),
                lifecycle::onDeployRequested);
    }

    @Incoming(Topics.DEPLOY_COMPLETED)
    @Transactional
    public void onDeployCompleted(String json) {
        processed.once(
                CONSUMER + Topics.DEPLOY_COMPLETED,
                EventJson.read(json, DeployCompleted.class),
                lifecycle::onDeployCompleted);
    }
}
