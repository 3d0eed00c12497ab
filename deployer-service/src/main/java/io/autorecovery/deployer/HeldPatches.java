package io.autorecovery.deployer;

import io.agroal.api.AgroalDataSource;
import io.autorecovery.contracts.PatchProposed;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** Patches held for approval, in PostgreSQL; callers bring the transaction. */
@ApplicationScoped
public class HeldPatches {

    private final AgroalDataSource dataSource;

    HeldPatches(AgroalDataSource dataSource) {
        this.dataSource = dataSource;
    }

    /**
     * Holds the patch, for approval or for the pause ({@link HeldPatch#FOR_APPROVAL}, {@link
     * HeldPatch#FOR_PAUSE}); a newer proposal for the same incident replaces an undecided one.
     */
    public void hold(PatchProposed patch, String reason, String heldFor) {
        String sql = "INSERT INTO held_patches (incident_id, patch_id, service, commit_sha, reason, status, held_for)"
                + " VALUES (?, ?, ?, ?, ?, 'HELD', ?)"
                + " ON CONFLICT (incident_id) DO UPDATE SET patch_id = EXCLUDED.patch_id,"
                + " service = EXCLUDED.service, commit_sha = EXCLUDED.commit_sha, reason = EXCLUDED.reason,"
                + " status = 'HELD', held_for = EXCLUDED.held_for, held_at = now(), decided_at = NULL,"
                + " decided_by = NULL";
        try (Connection connection = dataSource.getConnection();
                PreparedStatement insert = connection.prepareStatement(sql)) {
            insert.setObject(1, patch.incidentId());
            insert.setObject(2, patch.patchId());
            insert.setString(3, patch.service());
            insert.setString(4, patch.commitSha());
            insert.setString(5, reason);
            insert.setString(6, heldFor);
            insert.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException("cannot hold patch " + patch.patchId(), e);
        }
    }

    /** The incident's patch if it is still held, locked until the transaction ends. */
    public Optional<HeldPatch> lockHeld(UUID incidentId) {
        String sql = "SELECT incident_id, patch_id, service, commit_sha, status FROM held_patches"
                + " WHERE incident_id = ? AND status = 'HELD' FOR UPDATE";
        try (Connection connection = dataSource.getConnection();
                PreparedStatement select = connection.prepareStatement(sql)) {
            select.setObject(1, incidentId);
            try (ResultSet row = select.executeQuery()) {
                if (!row.next()) {
                    return Optional.empty();
                }
                return Optional.of(new HeldPatch(
                        row.getObject("incident_id", UUID.class),
                        row.getObject("patch_id", UUID.class),
                        row.getString("service"),
                        row.getString("commit_sha"),
                        row.getString("status")));
            }
        } catch (SQLException e) {
            throw new IllegalStateException("cannot read the held patch of incident " + incidentId, e);
        }
    }

    /** Every patch still held for the given reason, oldest first, locked until the transaction ends. */
    public List<HeldPatch> lockAllHeldFor(String heldFor) {
        String sql = "SELECT incident_id, patch_id, service, commit_sha, status FROM held_patches"
                + " WHERE status = 'HELD' AND held_for = ? ORDER BY held_at FOR UPDATE";
        try (Connection connection = dataSource.getConnection();
                PreparedStatement select = connection.prepareStatement(sql)) {
            select.setString(1, heldFor);
            try (ResultSet row = select.executeQuery()) {
                List<HeldPatch> patches = new ArrayList<>();
                while (row.next()) {
                    patches.add(new HeldPatch(
                            row.getObject("incident_id", UUID.class),
                            row.getObject("patch_id", UUID.class),
                            row.getString("service"),
                            row.getString("commit_sha"),
                            row.getString("status")));
                }
                return patches;
            }
        } catch (SQLException e) {
            throw new IllegalStateException("cannot read the patches held for " + heldFor, e);
        }
    }

    public Optional<String> statusOf(UUID incidentId) {
        String sql = "SELECT status FROM held_patches WHERE incident_id = ?";
        try (Connection connection = dataSource.getConnection();
                PreparedStatement select = connection.prepareStatement(sql)) {
            select.setObject(1, incidentId);
            try (ResultSet row = select.executeQuery()) {
                return row.next() ? Optional.of(row.getString(1)) : Optional.empty();
            }
        } catch (SQLException e) {
            throw new IllegalStateException("cannot read the held patch of incident " + incidentId, e);
        }
    }

    public void decide(UUID incidentId, String status, String person) {
        String sql = "UPDATE held_patches SET status = ?, decided_at = now(), decided_by = ? WHERE incident_id = ?";
        try (Connection connection = dataSource.getConnection();
                PreparedStatement update = connection.prepareStatement(sql)) {
            update.setString(1, status);
            update.setString(2, person);
            update.setObject(3, incidentId);
            update.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException("cannot decide the held patch of incident " + incidentId, e);
        }
    }
}
