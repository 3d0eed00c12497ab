package io.autorecovery.rag.messaging;

import io.autorecovery.contracts.DeployCompleted;
import io.autorecovery.contracts.EventJson;
import io.autorecovery.contracts.IncidentCreated;
import io.autorecovery.contracts.Topics;
import io.autorecovery.outbox.ProcessedEvents;
import io.autorecovery.rag.Diagnosis;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/** Diagnoses each new incident and learns from each finished deploy, once per event. */
@ApplicationScoped
public class KnowledgeListener {

    private static final String CONSUMER = "rag-service/";

    private final Diagnosis diagnosis;
    private final ProcessedEvents processed;

    KnowledgeListener(Diagnosis diagnosis, ProcessedEvents processed) {
        this.diagnosis = diagnosis;
        this.processed = processed;
    }

    @Incoming(Topics.INCIDENTS_CREATED)
    @Transactional
    public void onIncident(String json) {
        processed.once(
                CONSUMER + Topics.INCIDENTS_CREATED, EventJson.read(json, IncidentCreated.class), diagnosis::diagnose);
    }

    @Incoming(Topics.DEPLOY_COMPLETED)
    @Transactional
    public void onDeployCompleted(String json) {
        processed.once(
                CONSUMER + Topics.DEPLOY_COMPLETED, EventJson.read(json, DeployCompleted.class), diagnosis::learn);
    }
}
