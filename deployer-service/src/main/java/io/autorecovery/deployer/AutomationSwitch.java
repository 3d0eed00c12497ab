package io.autorecovery.deployer;

import io.agroal.api.AgroalDataSource;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;

/**
 * The pause switch of automatic deploys: the static {@code deployer.paused} setting, or the switch
 * operators turn at run time, kept in PostgreSQL so that it survives restarts. Callers bring the
 * transaction.
 */
@ApplicationScoped
public class AutomationSwitch {

    private final AgroalDataSource dataSource;
    private final DeployPolicy policy;

    AutomationSwitch(AgroalDataSource dataSource, DeployPolicy policy) {
        this.dataSource = dataSource;
        this.policy = policy;
    }

    /** Whether the gate lets no automatic deploy through, for either reason. */
    public boolean paused() {
        return policy.paused() || state().paused();
    }

    /** The switch as operators last left it, with the static setting beside it. */
    public AutomationState state() {
        String sql = "SELECT paused, changed_by, changed_at, reason FROM automation_switch WHERE id = 1"
                // Shared lock: a patch reviewed while the switch turns waits for the turn to commit.
                + " FOR SHARE";
        try (Connection connection = dataSource.getConnection();
                PreparedStatement select = connection.prepareStatement(sql);
                ResultSet row = select.executeQuery()) {
            if (!row.next()) {
                return new AutomationState(policy.paused(), false, policy.paused(), null, null, null);
            }
            boolean switched = row.getBoolean("paused");
            Timestamp changedAt = row.getTimestamp("changed_at");
            return new AutomationState(
                    switched || policy.paused(),
                    switched,
                    policy.paused(),
                    row.getString("changed_by"),
                    changedAt == null ? null : changedAt.toInstant(),
                    row.getString("reason"));
        } catch (SQLException e) {
            throw new IllegalStateException("cannot read the automation switch", e);
        }
    }

    /** Turns the switch; the row is locked until the transaction ends. */
    public void turn(boolean paused, String person, String reason) {
        String sql =
                "UPDATE automation_switch SET paused = ?, changed_by = ?, changed_at = ?, reason = ?" + " WHERE id = 1";
        try (Connection connection = dataSource.getConnection();
                PreparedStatement update = connection.prepareStatement(sql)) {
            update.setBoolean(1, paused);
            update.setString(2, person);
            update.setTimestamp(3, Timestamp.from(Instant.now()));
            update.setString(4, reason);
            update.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException("cannot turn the automation switch", e);
        }
    }
}
