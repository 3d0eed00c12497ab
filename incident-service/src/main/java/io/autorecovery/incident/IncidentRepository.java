package io.autorecovery.incident;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import io.agroal.api.AgroalDataSource;
import io.autorecovery.contracts.EventJson;
import io.autorecovery.contracts.FaultClass;
import io.autorecovery.contracts.IncidentStatus;
import io.autorecovery.contracts.Severity;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.sql.Types;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/** Incidents and their timelines in PostgreSQL; callers bring the transaction. */
@ApplicationScoped
public class IncidentRepository {

    private static final String COLUMNS = "id, fingerprint, service, title, fault_class, severity, status,"
            + " occurrences, first_seen, last_seen, samples";
    private static final String TIMELINE =
            "SELECT id, at, status, event, detail, actor, event_id, rejected_because, follows FROM incident_timeline";
    private static final TypeReference<List<String>> STRINGS = new TypeReference<>() {};

    private final AgroalDataSource dataSource;

    IncidentRepository(AgroalDataSource dataSource) {
        this.dataSource = dataSource;
    }

    public Optional<Incident> findById(UUID id) {
        return queryOne("SELECT " + COLUMNS + " FROM incidents WHERE id = ?", id);
    }

    public Optional<Incident> lockById(UUID id) {
        return queryOne("SELECT " + COLUMNS + " FROM incidents WHERE id = ? FOR UPDATE", id);
    }

    /** One page of incidents matching the query, in its order, and the cursor of the next page. */
    public IncidentPage search(IncidentQuery query) {
        List<Object> parameters = new ArrayList<>();
        String sql = "SELECT " + COLUMNS + ", created_at FROM incidents" + where(query, parameters)
                + order(query.sort()) + " LIMIT ?";
        parameters.add(query.limit() + 1);
        try (Connection connection = dataSource.getConnection();
                PreparedStatement select = connection.prepareStatement(sql)) {
            bind(select, query, parameters);
            return page(select, query);
        } catch (SQLException e) {
            throw new IllegalStateException("cannot search incidents", e);
        }
    }

    private static String where(IncidentQuery query, List<Object> parameters) {
        List<String> conditions = new ArrayList<>();
        if (!query.statuses().isEmpty()) {
            conditions.add("status = ANY (?)");
            parameters.add(query.statuses().stream().map(Enum::name).toArray(String[]::new));
        }
        if (query.service() != null) {
            conditions.add("service = ?");
            parameters.add(query.service());
        }
        if (query.severity() != null) {
            conditions.add("severity = ?");
            parameters.add(query.severity().name());
        }
        if (query.openedFrom() != null) {
            conditions.add("created_at >= ?");
            parameters.add(Timestamp.from(query.openedFrom()));
        }
        if (query.openedTo() != null) {
            conditions.add("created_at < ?");
            parameters.add(Timestamp.from(query.openedTo()));
        }
        if (query.text() != null) {
            conditions.add("(title ILIKE ? ESCAPE '\\' OR service ILIKE ? ESCAPE '\\'"
                    + " OR fingerprint ILIKE ? ESCAPE '\\')");
            String pattern = "%" + escapeLike(query.text()) + "%";
            parameters.add(pattern);
            parameters.add(pattern);
            parameters.add(pattern);
        }
        if (query.after() != null) {
            String direction = query.sort().descending() ? "<" : ">";
            conditions.add("(" + query.sort().column() + ", id) " + direction + " (?, ?)");
            parameters.add(query.after());
            parameters.add(query.after().id());
        }
        return conditions.isEmpty() ? "" : " WHERE " + String.join(" AND ", conditions);
    }

    private static String order(IncidentSort sort) {
        String direction = sort.descending() ? " DESC" : " ASC";
        return " ORDER BY " + sort.column() + direction + ", id" + direction;
    }

    private static void bind(PreparedStatement select, IncidentQuery query, List<Object> parameters)
            throws SQLException {
        for (int i = 0; i < parameters.size(); i++) {
            Object value = parameters.get(i);
            if (value instanceof PageCursor cursor) {
                query.sort().bind(select, i + 1, cursor.key());
            } else if (value instanceof String[] texts) {
                select.setArray(i + 1, select.getConnection().createArrayOf("text", texts));
            } else {
                select.setObject(i + 1, value);
            }
        }
    }

    private static IncidentPage page(PreparedStatement select, IncidentQuery query) throws SQLException {
        List<Incident> incidents = new ArrayList<>();
        String next = null;
        Instant lastCreatedAt = null;
        try (ResultSet rows = select.executeQuery()) {
            while (rows.next()) {
                if (incidents.size() == query.limit()) {
                    Incident last = incidents.get(incidents.size() - 1);
                    next = new PageCursor(query.sort(), query.sort().keyOf(last, lastCreatedAt), last.id()).encode();
                    break;
                }
                incidents.add(readIncident(rows));
                lastCreatedAt = rows.getTimestamp("created_at").toInstant();
            }
        }
        return new IncidentPage(incidents, next);
    }

    private static String escapeLike(String text) {
        return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_");
    }

    /** Writes new incidents in one round trip. */
    public void insertAll(List<Incident> incidents) {
        if (incidents.isEmpty()) {
            return;
        }
        String sql = "INSERT INTO incidents (" + COLUMNS + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?::jsonb)";
        try (Connection connection = dataSource.getConnection();
                PreparedStatement insert = connection.prepareStatement(sql)) {
            for (Incident incident : incidents) {
                insert.setObject(1, incident.id());
                insert.setString(2, incident.fingerprint());
                insert.setString(3, incident.service());
                insert.setString(4, incident.title());
                insert.setString(5, incident.faultClass().code());
                insert.setString(6, incident.severity().name());
                insert.setString(7, incident.status().name());
                insert.setLong(8, incident.occurrences());
                insert.setTimestamp(9, Timestamp.from(incident.firstSeen()));
                insert.setTimestamp(10, Timestamp.from(incident.lastSeen()));
                insert.setString(11, EventJson.mapper().writeValueAsString(incident.samples()));
                insert.addBatch();
            }
            insert.executeBatch();
        } catch (SQLException | JsonProcessingException e) {
            throw new IllegalStateException("cannot store " + incidents.size() + " new incidents", e);
        }
    }

    /** Writes the status, count and last sighting of changed incidents in one round trip. */
    public void updateAll(List<Incident> incidents) {
        if (incidents.isEmpty()) {
            return;
        }
        String sql = "UPDATE incidents SET status = ?, occurrences = ?, last_seen = ?, updated_at = now() WHERE id = ?";
        try (Connection connection = dataSource.getConnection();
                PreparedStatement update = connection.prepareStatement(sql)) {
            for (Incident incident : incidents) {
                update.setString(1, incident.status().name());
                update.setLong(2, incident.occurrences());
                update.setTimestamp(3, Timestamp.from(incident.lastSeen()));
                update.setObject(4, incident.id());
                update.addBatch();
            }
            update.executeBatch();
        } catch (SQLException e) {
            throw new IllegalStateException("cannot update " + incidents.size() + " incidents", e);
        }
    }

    /**
     * Serialises, until the transaction ends, every change that concerns these fingerprints. Locks
     * are taken in one order, so that two batches sharing fingerprints cannot deadlock.
     */
    public void lockFingerprints(Collection<String> fingerprints) {
        String sql = "SELECT pg_advisory_xact_lock(k) FROM (SELECT DISTINCT hashtextextended(f, 0) AS k"
                + " FROM unnest(?::text[]) AS f ORDER BY k) AS keys";
        try (Connection connection = dataSource.getConnection();
                PreparedStatement lock = connection.prepareStatement(sql)) {
            lock.setArray(1, connection.createArrayOf("text", fingerprints.toArray()));
            lock.execute();
        } catch (SQLException e) {
            throw new IllegalStateException("cannot lock " + fingerprints.size() + " fingerprints", e);
        }
    }

    /** The incidents of these fingerprints that are not resolved yet, by fingerprint, locked for update. */
    public Map<String, Incident> lockOpen(Collection<String> fingerprints) {
        return byFingerprint(
                "SELECT " + COLUMNS + " FROM incidents WHERE fingerprint = ANY (?) AND status <> 'RESOLVED'"
                        + " FOR UPDATE",
                fingerprints);
    }

    /** The most recently resolved incident of each of these fingerprints, locked for update. */
    public Map<String, Incident> lockLatestResolved(Collection<String> fingerprints) {
        return byFingerprint(
                "SELECT " + COLUMNS + " FROM incidents WHERE id IN (SELECT DISTINCT ON (fingerprint) id"
                        + " FROM incidents WHERE fingerprint = ANY (?) AND status = 'RESOLVED'"
                        + " ORDER BY fingerprint, updated_at DESC, id) FOR UPDATE",
                fingerprints);
    }

    private Map<String, Incident> byFingerprint(String sql, Collection<String> fingerprints) {
        Map<String, Incident> found = new HashMap<>();
        if (fingerprints.isEmpty()) {
            return found;
        }
        try (Connection connection = dataSource.getConnection();
                PreparedStatement select = connection.prepareStatement(sql)) {
            select.setArray(1, connection.createArrayOf("text", fingerprints.toArray()));
            for (Incident incident : readIncidents(select)) {
                found.put(incident.fingerprint(), incident);
            }
            return found;
        } catch (SQLException e) {
            throw new IllegalStateException("cannot read the incidents of " + fingerprints.size() + " fingerprints", e);
        }
    }

    /** A timeline entry still to be written, and the incident it belongs to. */
    public record NewEntry(UUID incidentId, TimelineEntry entry) {}

    /** Extends timelines in one round trip, in the order given. */
    public void appendTimeline(List<NewEntry> entries) {
        if (entries.isEmpty()) {
            return;
        }
        String sql = "INSERT INTO incident_timeline (incident_id, at, status, event, detail, actor, event_id,"
                + " rejected_because, follows) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)";
        try (Connection connection = dataSource.getConnection();
                PreparedStatement insert = connection.prepareStatement(sql)) {
            for (NewEntry each : entries) {
                TimelineEntry entry = each.entry();
                insert.setObject(1, each.incidentId());
                insert.setTimestamp(2, Timestamp.from(entry.at()));
                insert.setString(3, entry.status().name());
                insert.setString(4, entry.event());
                insert.setString(5, entry.detail());
                insert.setString(6, entry.actor());
                insert.setObject(7, entry.eventId());
                insert.setString(8, entry.rejectedBecause());
                insert.setObject(9, entry.follows(), Types.BIGINT);
                insert.addBatch();
            }
            insert.executeBatch();
        } catch (SQLException e) {
            throw new IllegalStateException("cannot extend the timelines of incidents", e);
        }
    }

    public List<TimelineEntry> timeline(UUID incidentId) {
        return readTimeline(TIMELINE + " WHERE incident_id = ? ORDER BY id", incidentId);
    }

    /** The entry that last resolved the incident, if any. */
    public Optional<TimelineEntry> lastResolution(UUID incidentId) {
        return readTimeline(
                        TIMELINE + " WHERE incident_id = ? AND status = 'RESOLVED' AND rejected_because IS NULL"
                                + " ORDER BY id DESC LIMIT 1",
                        incidentId)
                .stream()
                .findFirst();
    }

    private List<TimelineEntry> readTimeline(String sql, UUID incidentId) {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement select = connection.prepareStatement(sql)) {
            select.setObject(1, incidentId);
            List<TimelineEntry> entries = new ArrayList<>();
            try (ResultSet rows = select.executeQuery()) {
                while (rows.next()) {
                    entries.add(new TimelineEntry(
                            rows.getLong("id"),
                            rows.getTimestamp("at").toInstant(),
                            IncidentStatus.valueOf(rows.getString("status")),
                            rows.getString("event"),
                            rows.getString("detail"),
                            rows.getString("actor"),
                            rows.getObject("event_id", UUID.class),
                            rows.getString("rejected_because"),
                            rows.getObject("follows", Long.class)));
                }
            }
            return entries;
        } catch (SQLException e) {
            throw new IllegalStateException("cannot read the timeline of incident " + incidentId, e);
        }
    }

    private Optional<Incident> queryOne(String sql, Object parameter) {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement select = connection.prepareStatement(sql)) {
            select.setObject(1, parameter);
            return readIncidents(select).stream().findFirst();
        } catch (SQLException e) {
            throw new IllegalStateException("cannot read incidents", e);
        }
    }

    private static List<Incident> readIncidents(PreparedStatement select) throws SQLException {
        List<Incident> incidents = new ArrayList<>();
        try (ResultSet rows = select.executeQuery()) {
            while (rows.next()) {
                incidents.add(readIncident(rows));
            }
        }
        return incidents;
    }

    private static Incident readIncident(ResultSet row) throws SQLException {
        try {
            return new Incident(
                    row.getObject("id", UUID.class),
                    row.getString("fingerprint"),
                    row.getString("service"),
                    row.getString("title"),
                    FaultClass.of(row.getString("fault_class")),
                    Severity.valueOf(row.getString("severity")),
                    IncidentStatus.valueOf(row.getString("status")),
                    row.getLong("occurrences"),
                    row.getTimestamp("first_seen").toInstant(),
                    row.getTimestamp("last_seen").toInstant(),
                    EventJson.mapper().readValue(row.getString("samples"), STRINGS));
        } catch (JsonProcessingException e) {
            throw new SQLException("unreadable samples of incident " + row.getString("id"), e);
        }
    }
}
