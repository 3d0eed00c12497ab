package io.autorecovery.contracts;

import static io.autorecovery.contracts.Require.present;

import java.time.Instant;
import java.util.UUID;

/**
 * An incident changed: status, occurrence count or a human action; keyed by incident id. {@code
 * action} names the person's action when one caused the change, and is absent otherwise.
 */
public record IncidentUpdated(
        UUID eventId,
        Instant occurredAt,
        int version,
        UUID incidentId,
        String fingerprint,
        String service,
        IncidentStatus previousStatus,
        IncidentStatus status,
        long occurrences,
        String reason,
        String actor,
        IncidentAction action)
        implements MeshEvent {

    public static final int VERSION = 1;

    public IncidentUpdated {
        present(eventId, "eventId");
        present(occurredAt, "occurredAt");
        present(incidentId, "incidentId");
        present(fingerprint, "fingerprint");
        present(service, "service");
        present(status, "status");
        present(actor, "actor");
    }

    @Override
    public String subject() {
        return incidentId.toString();
    }
}
