package io.autorecovery.incident.messaging;

import io.quarkus.logging.Log;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.runtime.ShutdownEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.net.ConnectException;
import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import java.time.Duration;

/**
 * Runs consumers' work in transactions that wait out a database outage. A failure that says the
 * database cannot be reached (refused, dropped or restarting connections) passes: the work waits
 * with backoff and is tried again until it can be done, so an outage holds consumption back and
 * dead-letters nothing. Any other failure (the database refused the work) is thrown at once.
 */
@ApplicationScoped
public class DatabaseOutage {

    /** SQLSTATE class 08: connection exception. */
    private static final String CONNECTION_EXCEPTION = "08";

    /** SQLSTATE 57P01 to 57P03: the server is shutting down, crashed, or cannot take connections yet. */
    private static final String SERVER_UNAVAILABLE = "57P0";

    private static final Duration FIRST_RETRY = Duration.ofMillis(250);
    private static final Duration LONGEST_RETRY = Duration.ofSeconds(10);

    private volatile boolean stopping;

    /** Work waiting for the database gives up when the service stops; its records stay uncommitted. */
    void stop(@Observes ShutdownEvent event) {
        stopping = true;
    }

    /**
     * Runs the work in a transaction of its own, again and again for as long as the database cannot
     * be reached. Throws {@link StoppedWaiting} when the service stops meanwhile.
     */
    public void inTransaction(String what, Runnable work) {
        Duration wait = FIRST_RETRY;
        while (true) {
            try {
                QuarkusTransaction.requiringNew().run(work);
                return;
            } catch (RuntimeException e) {
                if (!explains(e)) {
                    throw e;
                }
                if (stopping) {
                    throw new StoppedWaiting(e);
                }
                Log.warnf("%s: the database is unreachable (%s); waiting %d ms", what, rootMessage(e), wait.toMillis());
                pause(wait, e);
                wait = wait.multipliedBy(2).compareTo(LONGEST_RETRY) > 0 ? LONGEST_RETRY : wait.multipliedBy(2);
            }
        }
    }

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

    private static String rootMessage(Throwable failure) {
        Throwable root = failure;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root.getMessage();
    }

    private static void pause(Duration wait, RuntimeException outage) {
        try {
            Thread.sleep(wait.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new StoppedWaiting(outage);
        }
    }

    /** The service stopped while work waited for the database: its records stay uncommitted. */
    public static final class StoppedWaiting extends RuntimeException {

        StoppedWaiting(RuntimeException outage) {
            super("stopped while waiting for the database", outage);
        }
    }
}
