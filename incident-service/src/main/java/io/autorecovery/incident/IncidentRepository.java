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
import java.util.List;
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

    /** The incident of this fingerprint that is not resolved yet, locked for update. */
    public Optional<Incident> findOpenByFingerprint(String fingerprint) {
        return queryOne(
                "SELECT " + COLUMNS + " FROM incidents WHERE fingerprint = ? AND status <> 'RESOLVED' FOR UPDATE",
                fingerprint);
    }

    public Optional<Incident> lockById(UUID id) {
        return queryOne("SELECT " + COLUMNS + " FROM incidents WHERE id = ? FOR UPDATE", id);
    }

    public List<Incident> recent(int limit) {
        String sql = "SELECT " + COLUMNS + " FROM incidents ORDER BY created_at DESC, id LIMIT ?";
        try (Connection connection = dataSource.getConnection();
                PreparedStatement select = connection.prepareStatement(sql)) {
            select.setInt(1, limit);
            return readIncidents(select);
        } catch (SQLException e) {
            throw new IllegalStateException("cannot list incidents", e);
        }
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

    public void insert(Incident incident) {
        String sql = "INSERT INTO incidents (" + COLUMNS + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?::jsonb)";
        try (Connection connection = dataSource.getConnection();
                PreparedStatement insert = connection.prepareStatement(sql)) {
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
            insert.executeUpdate();
        } catch (SQLException | JsonProcessingException e) {
            throw new IllegalStateException("cannot store incident " + incident.id(), e);
        }
    }

    public void update(Incident incident) {
        String sql = "UPDATE incidents SET status = ?, occurrences = ?, last_seen = ?, updated_at = now() WHERE id = ?";
        try (Connection connection = dataSource.getConnection();
                PreparedStatement update = connection.prepareStatement(sql)) {
            update.setString(1, incident.status().name());
            update.setLong(2, incident.occurrences());
            update.setTimestamp(3, Timestamp.from(incident.lastSeen()));
            update.setObject(4, incident.id());
            update.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException("cannot update incident " + incident.id(), e);
        }
    }

    /** Serialises, until the transaction ends, every change that concerns this fingerprint. */
    public void lockFingerprint(String fingerprint) {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement lock =
                        connection.prepareStatement("SELECT pg_advisory_xact_lock(hashtextextended(?, 0))")) {
            lock.setString(1, fingerprint);
            lock.execute();
        } catch (SQLException e) {
            throw new IllegalStateException("cannot lock fingerprint " + fingerprint, e);
        }
    }

    /** The most recently resolved incident of this fingerprint, locked for update. */
    public Optional<Incident> lockLatestResolved(String fingerprint) {
        return queryOne(
                "SELECT " + COLUMNS + " FROM incidents WHERE fingerprint = ? AND status = 'RESOLVED'"
                        + " ORDER BY updated_at DESC, id LIMIT 1 FOR UPDATE",
                fingerprint);
    }

    /** @return the id of the new entry */
    public long appendTimeline(UUID incidentId, TimelineEntry entry) {
        String sql = "INSERT INTO incident_timeline (incident_id, at, status, event, detail, actor, event_id,"
                + " rejected_because, follows) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id";
        try (Connection connection = dataSource.getConnection();
                PreparedStatement insert = connection.prepareStatement(sql)) {
            insert.setObject(1, incidentId);
            insert.setTimestamp(2, Timestamp.from(entry.at()));
            insert.setString(3, entry.status().name());
            insert.setString(4, entry.event());
            insert.setString(5, entry.detail());
            insert.setString(6, entry.actor());
            insert.setObject(7, entry.eventId());
            insert.setString(8, entry.rejectedBecause());
            insert.setObject(9, entry.follows(), Types.BIGINT);
            try (ResultSet key = insert.executeQuery()) {
                key.next();
                return key.getLong(1);
            }
        } catch (SQLException e) {
            throw new IllegalStateException("cannot extend the timeline of incident " + incidentId, e);
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
