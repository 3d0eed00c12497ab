package io.autorecovery.contracts;

import static io.autorecovery.contracts.Require.present;

import java.time.Instant;
import java.util.UUID;

/**
 * A command to roll out a commit or image to a service, or to roll it back; keyed by service name.
 * Deploys that an operator asks for outside any incident carry no incident id.
 */
public record DeployRequested(
        UUID eventId,
        Instant occurredAt,
        int version,
        UUID deploymentId,
        UUID incidentId,
        String service,
        DeployAction action,
        String commitSha,
        String image,
        String requestedBy,
        String reason)
        implements MeshEvent {

    public static final int VERSION = 1;

    public DeployRequested {
        present(eventId, "eventId");
        present(occurredAt, "occurredAt");
        present(deploymentId, "deploymentId");
        present(service, "service");
        present(action, "action");
        present(requestedBy, "requestedBy");
    }

    @Override
    public String subject() {
        return incidentId == null ? service : incidentId.toString();
    }
}
