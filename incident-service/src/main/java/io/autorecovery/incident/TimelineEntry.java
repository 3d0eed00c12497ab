package io.autorecovery.incident;

import io.autorecovery.contracts.IncidentStatus;
import java.time.Instant;
import java.util.UUID;

/** One step in an incident's life: which event or action, the status after it, and who caused it. */
public record TimelineEntry(
        Instant at, IncidentStatus status, String event, String detail, String actor, UUID eventId) {}
