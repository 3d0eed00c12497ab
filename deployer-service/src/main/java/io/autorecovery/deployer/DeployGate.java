package io.autorecovery.deployer;

import io.autorecovery.contracts.DeployAction;
import io.autorecovery.contracts.DeployRequested;
import io.autorecovery.contracts.PatchOutcome;
import io.autorecovery.contracts.PatchProposed;
import io.autorecovery.outbox.Outbox;
import io.quarkus.logging.Log;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import jakarta.transaction.Transactional.TxType;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

/**
 * Decides whether a proposed patch may be deployed without a person: it must be a real patch, need
 * no approval, and fit the service's hourly budget while automation is not paused.
 */
@ApplicationScoped
public class DeployGate {

    static final String GATE = "deployer-gate";

    private static final Duration BUDGET_PERIOD = Duration.ofHours(1);

    private final DeploymentRepository deployments;
    private final DeployPolicy policy;
    private final Outbox outbox;

    DeployGate(DeploymentRepository deployments, DeployPolicy policy, Outbox outbox) {
        this.deployments = deployments;
        this.policy = policy;
        this.outbox = outbox;
    }

    @Transactional(TxType.MANDATORY)
    public void review(PatchProposed patch) {
        Optional<String> hold = holdReason(patch);
        if (hold.isPresent()) {
            Log.infof("incident %s: patch %s held at the gate: %s", patch.incidentId(), patch.patchId(), hold.get());
            return;
        }

        DeployRequested request = new DeployRequested(
                UUID.randomUUID(),
                Instant.now(),
                DeployRequested.VERSION,
                UUID.randomUUID(),
                patch.incidentId(),
                patch.service(),
                DeployAction.ROLL_OUT,
                patch.commitSha(),
                null,
                GATE,
                "patch " + patch.patchId() + " passed the gate");
        deployments.recordRequest(request);
        outbox.enqueue(request, request.service());
        Log.infof(
                "incident %s: deployment %s of %s requested",
                patch.incidentId(), request.deploymentId(), request.service());
    }

    private Optional<String> holdReason(PatchProposed patch) {
        if (patch.outcome() != PatchOutcome.PROPOSED) {
            return Optional.of("no safe patch was proposed");
        }
        if (patch.approvalRequired()) {
            return Optional.of("policy asks for a person's approval");
        }
        if (policy.paused()) {
            return Optional.of("automation is paused");
        }
        int budget = policy.budget().perServicePerHour();
        if (deployments.requestedSince(patch.service(), BUDGET_PERIOD) >= budget) {
            return Optional.of("the budget of " + budget + " deploys per hour for " + patch.service() + " is spent");
        }
        return Optional.empty();
    }
}
