package io.autorecovery.incident;

import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/** The orders the incident list offers; only these reach SQL. */
public enum IncidentSort {
    NEWEST("-createdAt", "created_at", true),
    OLDEST("createdAt", "created_at", false),
    LATEST_SEEN("-lastSeen", "last_seen", true),
    EARLIEST_SEEN("lastSeen", "last_seen", false),
    MOST_FREQUENT("-occurrences", "occurrences", true),
    LEAST_FREQUENT("occurrences", "occurrences", false);

    private final String parameter;
    private final String column;
    private final boolean descending;

    IncidentSort(String parameter, String column, boolean descending) {
        this.parameter = parameter;
        this.column = column;
        this.descending = descending;
    }

    public static Optional<IncidentSort> ofParameter(String parameter) {
        return Arrays.stream(values())
                .filter(sort -> sort.parameter.equals(parameter))
                .findFirst();
    }

    public static List<String> parameters() {
        return Arrays.stream(values()).map(IncidentSort::parameter).toList();
    }

    public String parameter() {
        return parameter;
    }

    String column() {
        return column;
    }

    boolean descending() {
        return descending;
    }

    boolean countsOccurrences() {
        return "occurrences".equals(column);
    }

    /** The value of this sort's key in a cursor, which must parse back in {@link #bind}. */
    String keyOf(Incident incident, Instant createdAt) {
        return switch (this) {
            case NEWEST, OLDEST -> createdAt.toString();
            case LATEST_SEEN, EARLIEST_SEEN -> incident.lastSeen().toString();
            case MOST_FREQUENT, LEAST_FREQUENT -> Long.toString(incident.occurrences());
        };
    }

    void bind(PreparedStatement statement, int index, String key) throws SQLException {
        if (countsOccurrences()) {
            statement.setLong(index, Long.parseLong(key));
        } else {
            statement.setTimestamp(index, Timestamp.from(Instant.parse(key)));
        }
    }

    /** Checks that a key read from a client's cursor parses, without touching SQL. */
    void validate(String key) {
        if (countsOccurrences()) {
            Long.parseLong(key);
        } else if (!IncidentQuery.storable(Instant.parse(key))) {
            throw new IllegalArgumentException("a cursor time outside the years 1 to 9999");
        }
    }
}
