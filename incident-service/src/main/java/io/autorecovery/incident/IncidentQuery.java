package io.autorecovery.incident;

import io.autorecovery.contracts.IncidentStatus;
import io.autorecovery.contracts.Severity;
import java.time.Instant;
import java.util.List;

/**
 * A page of the incident list: filters (all optional), a text to search for in title, service and
 * fingerprint, an order, where the previous page ended, and how many incidents at most.
 */
public record IncidentQuery(
        List<IncidentStatus> statuses,
        String service,
        Severity severity,
        Instant openedFrom,
        Instant openedTo,
        String text,
        IncidentSort sort,
        PageCursor after,
        int limit) {

    private static final Instant EARLIEST = Instant.parse("0001-01-01T00:00:00Z");
    private static final Instant LATEST = Instant.parse("9999-12-31T23:59:59Z");

    public IncidentQuery {
        statuses = statuses == null ? List.of() : List.copyOf(statuses);
    }

    /** Whether the store can compare a time with this instant: years 1 to 9999. */
    public static boolean storable(Instant instant) {
        return !instant.isBefore(EARLIEST) && !instant.isAfter(LATEST);
    }
}
