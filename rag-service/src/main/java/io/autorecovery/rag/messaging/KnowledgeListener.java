package io.autorecovery.rag.messaging;

import io.autorecovery.contracts.DeployCompleted;
import io.autorecovery.contracts.EventJson;
import io.autorecovery.contracts.IncidentCreated;
import io.autorecovery.contracts.PatchProposed;
import io.autorecovery.contracts.Topics;
import io.autorecovery.rag.Analysis;
import io.autorecovery.rag.Diagnosis;
import io.smallrye.reactive.messaging.annotations.Blocking;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/**
 * Diagnoses each new incident, keeps each proposed change and learns from each finished deploy,
 * once per event. The diagnosis
 * is worked out before the transaction that records it, so a slow model holds no connection.
 */
@ApplicationScoped
public class KnowledgeListener {

    private final Diagnosis diagnosis;

    KnowledgeListener(Diagnosis diagnosis) {
        this.diagnosis = diagnosis;
    }

    @Incoming(Topics.INCIDENTS_CREATED)
    @Blocking
    public void onIncident(String json) {
        IncidentCreated incident = EventJson.read(json, IncidentCreated.class);
        Analysis analysis = diagnosis.analyse(incident);
        diagnosis.record(incident, analysis);
    }

    @Incoming(Topics.PATCH_PROPOSED)
    @Blocking
    public void onPatchProposed(String json) {
        diagnosis.rememberPatch(EventJson.read(json, PatchProposed.class));
    }

    @Incoming(Topics.DEPLOY_COMPLETED)
    @Blocking
    public void onDeployCompleted(String json) {
        diagnosis.learn(EventJson.read(json, DeployCompleted.class));
    }
}
