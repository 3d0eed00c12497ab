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

    public IncidentQuery {
        statuses = statuses == null ? List.of() : List.copyOf(statuses);
    }
}
