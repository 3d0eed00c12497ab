package io.autorecovery.incident.messaging;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.ConnectException;
import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import org.junit.jupiter.api.Test;

class DatabaseOutageTest {

    @Test
    void connectionFailuresAnywhereInTheCauseChainAreAnOutage() {
        assertThat(DatabaseOutage.explains(new SQLException("Connection refused", "08001")))
                .isTrue();
        assertThat(DatabaseOutage.explains(new SQLException("An I/O error occurred", "08006")))
                .isTrue();
        assertThat(DatabaseOutage.explains(new SQLException("terminating connection", "57P01")))
                .isTrue();
        assertThat(DatabaseOutage.explains(new SQLException("the database system is starting up", "57P03")))
                .isTrue();
        assertThat(DatabaseOutage.explains(new SQLTransientConnectionException("no connection")))
                .isTrue();
        assertThat(DatabaseOutage.explains(new IllegalStateException(
                        "cannot record delivery", new RuntimeException(new ConnectException("refused")))))
                .isTrue();
    }

    @Test
    void aStatementTheDatabaseRefusedIsNotAnOutage() {
        assertThat(DatabaseOutage.explains(new SQLException("duplicate key value", "23505")))
                .isFalse();
        assertThat(DatabaseOutage.explains(new SQLException("value too long", "22001")))
                .isFalse();
        assertThat(DatabaseOutage.explains(new IllegalStateException(new SQLException("no state"))))
                .isFalse();
        assertThat(DatabaseOutage.explains(new IllegalArgumentException("bad fault")))
                .isFalse();
    }
}
