package io.autorecovery.patch;

import io.agroal.api.AgroalDataSource;
import io.autorecovery.contracts.FaultClass;
import io.autorecovery.contracts.PatchOutcome;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Optional;
import java.util.UUID;

/** Patch attempts in PostgreSQL; callers bring the transaction. */
@ApplicationScoped
public class PatchRepository {

    private final AgroalDataSource dataSource;

    PatchRepository(AgroalDataSource dataSource) {
        this.dataSource = dataSource;
    }

    public void insert(Patch patch) {
        String sql = "INSERT INTO patches (id, incident_id, service, fault_class, outcome, summary, diff, validated,"
                + " approval_required) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)";
        try (Connection connection = dataSource.getConnection();
                PreparedStatement insert = connection.prepareStatement(sql)) {
            insert.setObject(1, patch.id());
            insert.setObject(2, patch.incidentId());
            insert.setString(3, patch.service());
            insert.setString(4, patch.faultClass().code());
            insert.setString(5, patch.outcome().name());
            insert.setString(6, patch.summary());
            insert.setString(7, patch.diff());
            insert.setBoolean(8, patch.validated());
            insert.setBoolean(9, patch.approvalRequired());
            insert.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException("cannot store patch " + patch.id(), e);
        }
    }

    /** Proposed patches for the service within the last period, under a lock that serialises the budget check. */
    public int proposedSince(String service, Duration period) {
        String lock = "SELECT pg_advisory_xact_lock(hashtext(?))";
        String count = "SELECT count(*) FROM patches WHERE service = ? AND outcome = 'PROPOSED'"
                + " AND created_at > now() - make_interval(secs => ?)";
        try (Connection connection = dataSource.getConnection();
                PreparedStatement locking = connection.prepareStatement(lock);
                PreparedStatement select = connection.prepareStatement(count)) {
            locking.setString(1, "patch-budget/" + service);
            locking.execute();
            select.setString(1, service);
            select.setLong(2, period.toSeconds());
            try (ResultSet row = select.executeQuery()) {
                row.next();
                return row.getInt(1);
            }
        } catch (SQLException e) {
            throw new IllegalStateException("cannot count patches of " + service, e);
        }
    }

    public Optional<Patch> byIncident(UUID incidentId) {
        String sql = "SELECT id, service, fault_class, outcome, summary, diff, validated, approval_required"
                + " FROM patches WHERE incident_id = ?";
        try (Connection connection = dataSource.getConnection();
                PreparedStatement select = connection.prepareStatement(sql)) {
            select.setObject(1, incidentId);
            try (ResultSet row = select.executeQuery()) {
                if (!row.next()) {
                    return Optional.empty();
                }
                return Optional.of(new Patch(
                        row.getObject("id", UUID.class),
                        incidentId,
                        row.getString("service"),
                        FaultClass.of(row.getString("fault_class")),
                        PatchOutcome.valueOf(row.getString("outcome")),
                        row.getString("summary"),
                        row.getString("diff"),
                        row.getBoolean("validated"),
                        row.getBoolean("approval_required")));
            }
        } catch (SQLException e) {
            throw new IllegalStateException("cannot read the patch of incident " + incidentId, e);
        }
    }
}
