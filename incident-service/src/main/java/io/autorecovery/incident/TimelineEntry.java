package io.autorecovery.incident;

import io.autorecovery.contracts.IncidentStatus;
import java.time.Instant;
import java.util.UUID;

/**
 * One step in an incident's life: which event or action, the status after it, and who caused it.
 * A refused step keeps the status it found and says why in {@code rejectedBecause}; {@code follows}
 * points at an earlier entry this one answers, such as the resolution a regression undoes.
 */
public record TimelineEntry(
        Long id,
        Instant at,
        IncidentStatus status,
        String event,
        String detail,
        String actor,
        UUID eventId,
        String rejectedBecause,
        Long follows) {

    public static TimelineEntry applied(
            Instant at, IncidentStatus status, String event, String detail, String actor, UUID eventId) {
        return new TimelineEntry(null, at, status, event, detail, actor, eventId, null, null);
    }

    public static TimelineEntry rejected(
            Instant at, IncidentStatus status, String event, String detail, String actor, UUID eventId, String why) {
        return new TimelineEntry(null, at, status, event, detail, actor, eventId, why, null);
    }

    public TimelineEntry following(Long earlier) {
        return new TimelineEntry(id, at, status, event, detail, actor, eventId, rejectedBecause, earlier);
    }
}
