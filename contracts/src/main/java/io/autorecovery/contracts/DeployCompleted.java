package io.autorecovery.contracts;

import static io.autorecovery.contracts.Require.present;

import java.time.Instant;
import java.util.UUID;

/** How a deploy ended, with its verification figures; keyed by service name. */
public record DeployCompleted(
        UUID eventId,
        Instant occurredAt,
        int version,
        UUID deploymentId,
        UUID incidentId,
        String service,
        DeployAction action,
        DeployOutcome outcome,
        boolean dryRun,
        String revision,
        String previousRevision,
        Verification verification,
        String detail)
        implements MeshEvent {

    public static final int VERSION = 1;

    public DeployCompleted {
        present(eventId, "eventId");
        present(occurredAt, "occurredAt");
        present(deploymentId, "deploymentId");
        present(service, "service");
        present(action, "action");
        present(outcome, "outcome");
    }

    @Override
    public String subject() {
        return incidentId == null ? service : incidentId.toString();
    }
}
