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
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** Incidents and their timelines in PostgreSQL; callers bring the transaction. */
@ApplicationScoped
public class IncidentRepository {

    private static final String COLUMNS = "id, fingerprint, service, title, fault_class, severity, status,"
            + " occurrences, first_seen, last_seen, samples";
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

    public void appendTimeline(UUID incidentId, TimelineEntry entry) {
        String sql = "INSERT INTO incident_timeline (incident_id, at, status, event, detail, actor, event_id)"
                + " VALUES (?, ?, ?, ?, ?, ?, ?)";
        try (Connection connection = dataSource.getConnection();
                PreparedStatement insert = connection.prepareStatement(sql)) {
            insert.setObject(1, incidentId);
            insert.setTimestamp(2, Timestamp.from(entry.at()));
            insert.setString(3, entry.status().name());
            insert.setString(4, entry.event());
            insert.setString(5, entry.detail());
            insert.setString(6, entry.actor());
            insert.setObject(7, entry.eventId());
            insert.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException("cannot extend the timeline of incident " + incidentId, e);
        }
    }

    public List<TimelineEntry> timeline(UUID incidentId) {
        String sql = "SELECT at, status, event, detail, actor, event_id FROM incident_timeline"
                + " WHERE incident_id = ? ORDER BY id";
        try (Connection connection = dataSource.getConnection();
                PreparedStatement select = connection.prepareStatement(sql)) {
            select.setObject(1, incidentId);
            List<TimelineEntry> entries = new ArrayList<>();
            try (ResultSet rows = select.executeQuery()) {
                while (rows.next()) {
                    entries.add(new TimelineEntry(
                            rows.getTimestamp("at").toInstant(),
                            IncidentStatus.valueOf(rows.getString("status")),
                            rows.getString("event"),
                            rows.getString("detail"),
                            rows.getString("actor"),
                            rows.getObject("event_id", UUID.class)));
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
