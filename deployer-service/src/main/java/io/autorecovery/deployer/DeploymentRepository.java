package io.autorecovery.deployer;

import io.agroal.api.AgroalDataSource;
import io.autorecovery.contracts.DeployAction;
import io.autorecovery.contracts.DeployCompleted;
import io.autorecovery.contracts.DeployOutcome;
import io.autorecovery.contracts.DeployRequested;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** Deployments in PostgreSQL; callers bring the transaction. */
@ApplicationScoped
public class DeploymentRepository {

    private static final String COLUMNS = "id, incident_id, service, action, commit_sha, image, requested_by, reason,"
            + " status, outcome, dry_run, revision, previous_revision, detail, requested_at, completed_at";

    private final AgroalDataSource dataSource;

    DeploymentRepository(AgroalDataSource dataSource) {
        this.dataSource = dataSource;
    }

    /** Records a requested deployment; a request recorded before is left as it is. */
    public void recordRequest(DeployRequested request) {
        String sql = "INSERT INTO deployments (id, incident_id, service, action, commit_sha, image, requested_by,"
                + " reason, status, requested_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, 'REQUESTED', ?)"
                + " ON CONFLICT (id) DO NOTHING";
        try (Connection connection = dataSource.getConnection();
                PreparedStatement insert = connection.prepareStatement(sql)) {
            insert.setObject(1, request.deploymentId());
            insert.setObject(2, request.incidentId());
            insert.setString(3, request.service());
            insert.setString(4, request.action().name());
            insert.setString(5, request.commitSha());
            insert.setString(6, request.image());
            insert.setString(7, request.requestedBy());
            insert.setString(8, request.reason());
            insert.setTimestamp(9, Timestamp.from(request.occurredAt()));
            insert.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException("cannot record deployment " + request.deploymentId(), e);
        }
    }

    public void recordCompletion(DeployCompleted completed) {
        String sql = "UPDATE deployments SET status = 'COMPLETED', outcome = ?, dry_run = ?, revision = ?,"
                + " previous_revision = ?, detail = ?, completed_at = ? WHERE id = ?";
        try (Connection connection = dataSource.getConnection();
                PreparedStatement update = connection.prepareStatement(sql)) {
            update.setString(1, completed.outcome().name());
            update.setBoolean(2, completed.dryRun());
            update.setString(3, completed.revision());
            update.setString(4, completed.previousRevision());
            update.setString(5, completed.detail());
            update.setTimestamp(6, Timestamp.from(completed.occurredAt()));
            update.setObject(7, completed.deploymentId());
            update.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException("cannot complete deployment " + completed.deploymentId(), e);
        }
    }

    public Optional<Deployment> lockById(UUID id) {
        List<Deployment> found = query("SELECT " + COLUMNS + " FROM deployments WHERE id = ? FOR UPDATE", id);
        return found.stream().findFirst();
    }

    /** The service's latest successful deployment, which says what runs now and what ran before it. */
    public Optional<Deployment> current(String service) {
        String sql = "SELECT " + COLUMNS + " FROM deployments WHERE service = ? AND status = 'COMPLETED'"
                + " AND outcome = 'SUCCEEDED' ORDER BY completed_at DESC LIMIT 1";
        return query(sql, service).stream().findFirst();
    }

    /** Deployments the gate let through for the service within the last period, serialised per service. */
    public int requestedSince(String service, Duration period) {
        String lock = "SELECT pg_advisory_xact_lock(hashtext(?))";
        String count = "SELECT count(*) FROM deployments WHERE service = ? AND requested_by = 'deployer-gate'"
                + " AND requested_at > now() - make_interval(secs => ?)";
        try (Connection connection = dataSource.getConnection();
                PreparedStatement locking = connection.prepareStatement(lock);
                PreparedStatement select = connection.prepareStatement(count)) {
            locking.setString(1, "deploy-budget/" + service);
            locking.execute();
            select.setString(1, service);
            select.setLong(2, period.toSeconds());
            try (ResultSet row = select.executeQuery()) {
                row.next();
                return row.getInt(1);
            }
        } catch (SQLException e) {
            throw new IllegalStateException("cannot count deployments of " + service, e);
        }
    }

    public List<Deployment> recent(int limit) {
        return query("SELECT " + COLUMNS + " FROM deployments ORDER BY requested_at DESC, id LIMIT ?", limit);
    }

    private List<Deployment> query(String sql, Object parameter) {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement select = connection.prepareStatement(sql)) {
            select.setObject(1, parameter);
            List<Deployment> deployments = new ArrayList<>();
            try (ResultSet rows = select.executeQuery()) {
                while (rows.next()) {
                    deployments.add(read(rows));
                }
            }
            return deployments;
        } catch (SQLException e) {
            throw new IllegalStateException("cannot read deployments", e);
        }
    }

    private static Deployment read(ResultSet row) throws SQLException {
        String outcome = row.getString("outcome");
        Timestamp completedAt = row.getTimestamp("completed_at");
        return new Deployment(
                row.getObject("id", UUID.class),
                row.getObject("incident_id", UUID.class),
                row.getString("service"),
                DeployAction.valueOf(row.getString("action")),
                row.getString("commit_sha"),
                row.getString("image"),
                row.getString("requested_by"),
                row.getString("reason"),
                DeploymentStatus.valueOf(row.getString("status")),
                outcome == null ? null : DeployOutcome.valueOf(outcome),
                row.getObject("dry_run", Boolean.class),
                row.getString("revision"),
                row.getString("previous_revision"),
                row.getString("detail"),
                row.getTimestamp("requested_at").toInstant(),
                completedAt == null ? null : completedAt.toInstant());
    }
}
