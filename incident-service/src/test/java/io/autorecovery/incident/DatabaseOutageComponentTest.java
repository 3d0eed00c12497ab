package io.autorecovery.incident;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.autorecovery.contracts.EventJson;
import io.autorecovery.contracts.FaultDetected;
import io.autorecovery.contracts.Topics;
import io.autorecovery.incident.messaging.DeadLetters;
import io.autorecovery.incident.process.TestDatabase;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.smallrye.reactive.messaging.memory.InMemoryConnector;
import io.smallrye.reactive.messaging.memory.InMemorySink;
import jakarta.enterprise.inject.Any;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.junit.jupiter.api.Test;

/** Faults that arrive while the database is down wait for it, and none is dead-lettered. */
@QuarkusTest
@QuarkusTestResource(value = ProxiedDatabase.class, restrictToAnnotatedClass = true)
class DatabaseOutageComponentTest {

    private static final Duration OUTAGE = Duration.ofSeconds(4);

    @Inject
    @Any
    InMemoryConnector connector;

    @Test
    void faultsWaitOutADatabaseOutageAndAreStoredOnceItIsBack() throws Exception {
        InMemorySink<String> deadLetters = connector.sink(DeadLetters.CHANNEL);
        deadLetters.clear();
        FaultDetected first = PipelineEvents.fault(UUID.randomUUID().toString());
        FaultDetected second = PipelineEvents.fault(UUID.randomUUID().toString());
        CompletableFuture<Void> settled = new CompletableFuture<>();
        Message<List<String>> batch = Message.of(List.of(EventJson.write(first), EventJson.write(second)))
                .withAck(() -> {
                    settled.complete(null);
                    return CompletableFuture.completedFuture(null);
                })
                .withNack(failure -> {
                    settled.completeExceptionally(failure);
                    return CompletableFuture.completedFuture(null);
                });

        ProxiedDatabase.PROXY.cut();
        try {
            connector.source(Topics.FAULTS_DETECTED).send(batch);
            Thread.sleep(OUTAGE.toMillis());

            assertThat(settled).isNotDone();
            assertThat(deadLetters.received()).isEmpty();
        } finally {
            ProxiedDatabase.PROXY.start();
        }

        await().atMost(Duration.ofSeconds(30)).until(settled::isDone);
        assertThat(settled).isCompleted();
        assertThat(deadLetters.received()).isEmpty();
        assertThat(occurrences(first.fingerprint())).isEqualTo(1);
        assertThat(occurrences(second.fingerprint())).isEqualTo(1);
    }

    /** Read straight from the database, past the proxy. */
    private static long occurrences(String fingerprint) throws SQLException {
        try (Connection connection = TestDatabase.connect("incidents_test");
                PreparedStatement select =
                        connection.prepareStatement("SELECT occurrences FROM incidents WHERE fingerprint = ?")) {
            select.setString(1, fingerprint);
            try (ResultSet row = select.executeQuery()) {
                return row.next() ? row.getLong(1) : 0;
            }
        }
    }
}
