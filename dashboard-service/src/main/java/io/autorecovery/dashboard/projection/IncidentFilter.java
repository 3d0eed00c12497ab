package io.autorecovery.dashboard.projection;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Locale;
import java.util.Set;

/**
 * Which incidents the board lists: any of the statuses (none: all), one service, one severity, and
 * a search text over title, service, fingerprint and fault class; at most {@code limit}.
 */
public record IncidentFilter(Set<String> statuses, String service, String severity, String query, int limit) {

    /** Most incidents looked at for one listing, newest first. */
    public static final int SCAN_LIMIT = 2000;

    public IncidentFilter {
        statuses = statuses == null ? Set.of() : Set.copyOf(statuses);
        query = query == null ? null : query.strip().toLowerCase(Locale.ROOT);
    }

    boolean matches(ObjectNode incident) {
        if (!statuses.isEmpty() && !statuses.contains(incident.path("status").asText())) {
            return false;
        }
        if (!blank(service) && !service.equals(incident.path("service").asText())) {
            return false;
        }
        if (!blank(severity) && !severity.equals(incident.path("severity").asText())) {
            return false;
        }
        return blank(query) || searchable(incident).contains(query);
    }

    private static String searchable(ObjectNode incident) {
        return String.join(
                        " ",
                        incident.path("title").asText(),
                        incident.path("service").asText(),
                        incident.path("fingerprint").asText(),
                        incident.path("faultClass").asText(),
                        incident.path("id").asText())
                .toLowerCase(Locale.ROOT);
    }

    private static boolean blank(String text) {
        return text == null || text.isBlank();
    }
}
