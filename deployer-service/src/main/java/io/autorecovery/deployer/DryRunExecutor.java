package io.autorecovery.deployer;

import io.autorecovery.contracts.DeployAction;
import io.autorecovery.contracts.DeployCompleted;
import io.autorecovery.contracts.DeployOutcome;
import io.autorecovery.contracts.DeployRequested;
import io.autorecovery.outbox.Outbox;
import io.quarkus.logging.Log;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import jakarta.transaction.Transactional.TxType;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

/**
 * Carries out deploy commands without touching any environment: it works out which revision would
 * run and which one it would replace, records the outcome, and marks it as a dry run.
 */
@ApplicationScoped
public class DryRunExecutor {

    static final String DRY_RUN_DETAIL = "dry run: nothing was rolled out, so nothing was verified";

    private final DeploymentRepository deployments;
    private final Outbox outbox;

    DryRunExecutor(DeploymentRepository deployments, Outbox outbox) {
        this.deployments = deployments;
        this.outbox = outbox;
    }

    @Transactional(TxType.MANDATORY)
    public void execute(DeployRequested request) {
        deployments.recordRequest(request);
        Deployment deployment = deployments.lockById(request.deploymentId()).orElseThrow();
        if (deployment.status() == DeploymentStatus.COMPLETED) {
            Log.debugf("deployment %s already completed", request.deploymentId());
            return;
        }

        Optional<Deployment> current = deployments.current(request.service());
        String previousRevision = current.map(Deployment::revision).orElse(null);
        DeployCompleted completed = new DeployCompleted(
                UUID.randomUUID(),
                Instant.now(),
                DeployCompleted.VERSION,
                request.deploymentId(),
                request.incidentId(),
                request.service(),
                request.action(),
                DeployOutcome.SUCCEEDED,
                true,
                targetRevision(request, current),
                previousRevision,
                null,
                DRY_RUN_DETAIL);
        deployments.recordCompletion(completed);
        outbox.enqueue(completed, completed.service());
        Log.infof(
                "deployment %s of %s: %s %s (dry run)",
                completed.deploymentId(), completed.service(), completed.action(), completed.outcome());
    }

    /** A rollback returns to what ran before the current revision; a rollout names what it brings. */
    static String targetRevision(DeployRequested request, Optional<Deployment> current) {
        if (request.action() == DeployAction.ROLL_BACK) {
            return current.map(Deployment::previousRevision).orElse(null);
        }
        if (request.commitSha() != null) {
            return request.service() + "@"
                    + request.commitSha()
                            .substring(0, Math.min(12, request.commitSha().length()));
        }
        if (request.image() != null) {
            return request.image();
        }
        return request.service() + "@deployment-" + request.deploymentId();
    }
}
