package io.autorecovery.contracts;

import static io.autorecovery.contracts.Require.present;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** A fault signature crossed its threshold; keyed by fingerprint on {@code faults.detected}. */
public record FaultDetected(
        UUID eventId,
        Instant occurredAt,
        int version,
        String fingerprint,
        String service,
        FaultClass faultClass,
        Severity severity,
        DetectionTrigger trigger,
        String template,
        List<String> samples,
        long count,
        Instant firstSeen,
        Instant lastSeen,
        List<String> breadcrumbs)
        implements MeshEvent {

    public static final int VERSION = 1;

    public FaultDetected {
        present(eventId, "eventId");
        present(occurredAt, "occurredAt");
        present(fingerprint, "fingerprint");
        present(service, "service");
        present(faultClass, "faultClass");
        present(severity, "severity");
        present(trigger, "trigger");
        present(template, "template");
        samples = samples == null ? List.of() : List.copyOf(samples);
        breadcrumbs = breadcrumbs == null ? List.of() : List.copyOf(breadcrumbs);
    }

    @Override
    public String subject() {
        return fingerprint;
    }
}
