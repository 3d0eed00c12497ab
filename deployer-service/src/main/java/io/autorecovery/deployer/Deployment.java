package io.autorecovery.deployer;

import io.autorecovery.contracts.DeployAction;
import io.autorecovery.contracts.DeployOutcome;
import java.time.Instant;
import java.util.UUID;

/** A rollout or rollback as the store keeps it. */
public record Deployment(
        UUID id,
        UUID incidentId,
        String service,
        DeployAction action,
        String commitSha,
        String image,
        String requestedBy,
        String reason,
        DeploymentStatus status,
        DeployOutcome outcome,
        Boolean dryRun,
        String revision,
        String previousRevision,
        String detail,
        Instant requestedAt,
        Instant completedAt) {}
