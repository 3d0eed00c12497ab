package io.autorecovery.incident;

import io.autorecovery.contracts.FaultClass;
import io.autorecovery.contracts.IncidentStatus;
import io.autorecovery.contracts.Severity;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** An incident as the store holds it: one fault signature and where its handling stands. */
public record Incident(
        UUID id,
        String fingerprint,
        String service,
        String title,
        FaultClass faultClass,
        Severity severity,
        IncidentStatus status,
        long occurrences,
        Instant firstSeen,
        Instant lastSeen,
        List<String> samples) {

    public Incident withStatus(IncidentStatus newStatus) {
        return new Incident(
                id,
                fingerprint,
                service,
                title,
                faultClass,
                severity,
                newStatus,
                occurrences,
                firstSeen,
                lastSeen,
                samples);
    }

    public Incident withOccurrence(long newOccurrences, Instant seenAt) {
        Instant last = seenAt.isAfter(lastSeen) ? seenAt : lastSeen;
        return new Incident(
                id,
                fingerprint,
                service,
                title,
                faultClass,
                severity,
                status,
                newOccurrences,
                firstSeen,
                last,
                samples);
    }
}
