package io.autorecovery.incident.messaging;

import java.net.ConnectException;
import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;

/**
 * Tells a failure that says the database cannot be reached (refused, dropped or restarting
 * connections) from one that says it refused the work. The first passes, so the work waits for it;
 * the second stays, so the work is dead-lettered.
 */
final class DatabaseOutage {

    /** SQLSTATE class 08: connection exception. */
    private static final String CONNECTION_EXCEPTION = "08";

    /** SQLSTATE 57P01 to 57P03: the server is shutting down, crashed, or cannot take connections yet. */
    private static final String SERVER_UNAVAILABLE = "57P0";

    private DatabaseOutage() {}

    static boolean explains(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause() == cause ? null : cause.getCause()) {
            if (cause instanceof SQLTransientConnectionException || cause instanceof ConnectException) {
                return true;
            }
            if (cause instanceof SQLException sql && isConnectionState(sql.getSQLState())) {
                return true;
            }
        }
        return false;
    }

    private static boolean isConnectionState(String state) {
        return state != null && (state.startsWith(CONNECTION_EXCEPTION) || state.startsWith(SERVER_UNAVAILABLE));
    }
}
