package io.autorecovery.contracts;

import static io.autorecovery.contracts.Require.present;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** A new incident was opened for a fingerprint; keyed by incident id on {@code incidents.created}. */
public record IncidentCreated(
        UUID eventId,
        Instant occurredAt,
        int version,
        UUID incidentId,
        String fingerprint,
        String service,
        String title,
        FaultClass faultClass,
        Severity severity,
        IncidentStatus status,
        long occurrences,
        Instant firstSeen,
        Instant lastSeen,
        List<String> samples)
        implements MeshEvent {

    public static final int VERSION = 1;

    public IncidentCreated {
        present(eventId, "eventId");
        present(occurredAt, "occurredAt");
        present(incidentId, "incidentId");
        present(fingerprint, "fingerprint");
        present(service, "service");
        present(title, "title");
        present(faultClass, "faultClass");
        present(severity, "severity");
        present(status, "status");
        samples = samples == null ? List.of() : List.copyOf(samples);
    }

    @Override
    public String subject() {
        return incidentId.toString();
    }
}
