package io.autorecovery.deployer.messaging;

import io.autorecovery.contracts.DeployRequested;
import io.autorecovery.contracts.EventJson;
import io.autorecovery.contracts.IncidentUpdated;
import io.autorecovery.contracts.PatchProposed;
import io.autorecovery.contracts.Topics;
import io.autorecovery.deployer.DeployGate;
import io.autorecovery.deployer.DryRunExecutor;
import io.autorecovery.outbox.ProcessedEvents;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/**
 * The gate reviews proposed patches and people's decisions on held ones; the executor carries out
 * deploy commands; each once per event.
 */
@ApplicationScoped
public class DeployListener {

    private static final String CONSUMER = "deployer-service/";

    private final DeployGate gate;
    private final DryRunExecutor executor;
    private final ProcessedEvents processed;

    DeployListener(DeployGate gate, DryRunExecutor executor, ProcessedEvents processed) {
        this.gate = gate;
        this.executor = executor;
        this.processed = processed;
    }

    @Incoming(Topics.PATCH_PROPOSED)
    @Transactional
    public void onPatch(String json) {
        processed.once(CONSUMER + Topics.PATCH_PROPOSED, EventJson.read(json, PatchProposed.class), gate::review);
    }

    @Incoming(Topics.INCIDENTS_UPDATED)
    @Transactional
    public void onIncidentUpdated(String json) {
        processed.once(CONSUMER + Topics.INCIDENTS_UPDATED, EventJson.read(json, IncidentUpdated.class), gate::decide);
    }

    @Incoming(Topics.DEPLOY_REQUESTED)
    @Transactional
    public void onDeployRequested(String json) {
        processed.once(
                CONSUMER + Topics.DEPLOY_REQUESTED, EventJson.read(json, DeployRequested.class), executor::execute);
    }
}
