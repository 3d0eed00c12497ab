package io.autorecovery.contracts;

import static io.autorecovery.contracts.Require.present;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** Root cause and remediation of an incident, with the evidence behind them; keyed by incident id. */
public record AnalysisCompleted(
        UUID eventId,
        Instant occurredAt,
        int version,
        UUID incidentId,
        String fingerprint,
        String service,
        FaultClass faultClass,
        String rootCause,
        String remediation,
        double confidence,
        String method,
        List<Evidence> evidence,
        List<UUID> similarIncidents)
        implements MeshEvent {

    public static final int VERSION = 1;

    public AnalysisCompleted {
        present(eventId, "eventId");
        present(occurredAt, "occurredAt");
        present(incidentId, "incidentId");
        present(service, "service");
        present(faultClass, "faultClass");
        present(rootCause, "rootCause");
        present(remediation, "remediation");
        present(method, "method");
        if (confidence < 0 || confidence > 1) {
            throw new IllegalArgumentException("confidence must lie in [0, 1], was " + confidence);
        }
        evidence = evidence == null ? List.of() : List.copyOf(evidence);
        similarIncidents = similarIncidents == null ? List.of() : List.copyOf(similarIncidents);
    }

    @Override
    public String subject() {
        return incidentId.toString();
    }
}
