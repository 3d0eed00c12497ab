package io.autorecovery.detector.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import io.autorecovery.contracts.EventJson;
import io.autorecovery.contracts.FaultDetected;
import io.autorecovery.contracts.LogRecord;
import io.autorecovery.contracts.MalformedEventException;
import io.autorecovery.contracts.Topics;
import io.autorecovery.detector.support.DetectorKeys;
import io.autorecovery.detector.support.FaultSink;
import io.autorecovery.detector.support.InMemoryChannels;
import io.quarkus.redis.datasource.RedisDataSource;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.smallrye.reactive.messaging.memory.InMemoryConnector;
import io.smallrye.reactive.messaging.memory.InMemorySource;
import jakarta.enterprise.inject.Any;
import jakarta.inject.Inject;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Hostile log records: each gets a clear outcome, and the record after it is still processed. */
@QuarkusTest
@WithTestResource(value = InMemoryChannels.class, scope = TestResourceScope.MATCHING_RESOURCES)
class HostileRecordTest {

    private static final int TEN_MEGABYTES = 10 * 1024 * 1024;

    @Inject
    @Any
    InMemoryConnector connector;

    @Inject
    RedisDataSource redis;

    private final DetectorKeys keys = new DetectorKeys();
    private InMemorySource<Message<String>> logs;
    private FaultSink faults;

    @BeforeEach
    void channels() {
        logs = connector.source(Topics.LOGS_RAW);
        faults = new FaultSink(connector.sink(Topics.FAULTS_DETECTED));
    }

    @AfterEach
    void deleteKeys() {
        keys.deleteAll(redis);
    }

    @Test
    void shouldDeadLetterATenMegabyteRecordAndGoOnWithTheNext() throws Exception {
        String service = keys.newService("uploads");
        CompletableFuture<Throwable> nacked = new CompletableFuture<>();
        String record = EventJson.write(error("uploads", "Upload failed: " + "x".repeat(TEN_MEGABYTES)));

        logs.send(Message.of(record, () -> CompletableFuture.completedFuture(null), reason -> {
            nacked.complete(reason);
            return CompletableFuture.completedFuture(null);
        }));
        send(error(service, "Upload failed: quota exceeded"));

        assertThat(nacked.get(15, TimeUnit.SECONDS))
                .isInstanceOf(MalformedEventException.class)
                .hasMessage("record of " + record.length() + " bytes exceeds the limit of 1048576 bytes");
        FaultDetected after = faults.awaitFirst(service).event();
        keys.fingerprint(after.fingerprint());
        assertThat(after.template()).isEqualTo("Upload failed: quota exceeded");
    }

    @Test
    void shouldRaiseALongBinaryMessageTruncatedVisibly() {
        String service = keys.newService("uploads");
        StringBuilder binary = new StringBuilder();
        for (int i = 0; binary.length() < 100_000; i++) {
            binary.append((char) (i % 32)).append('\uFFFD').append('\uD800').append((char) (0x80 + i % 128));
        }
        String message = "Upload failed: " + binary;

        send(error(service, message));

        FaultDetected event = faults.awaitFirst(service).event();
        keys.fingerprint(event.fingerprint());
        assertThat(event.samples()).hasSize(1);
        assertThat(event.samples().get(0))
                .hasSize(2000)
                .startsWith("Upload failed: ")
                .endsWith("… [truncated from " + message.length() + " chars]");
        assertThat(event.template()).startsWith("Upload failed: ").hasSizeLessThanOrEqualTo(4096);
    }

    @Test
    void shouldNackDeeplyNestedJsonAndGoOnWithTheNext() throws Exception {
        String service = keys.newService("nested");
        CompletableFuture<Throwable> nacked = new CompletableFuture<>();
        String nested = "{\"message\": " + "[".repeat(100_000) + "]".repeat(100_000) + "}";

        logs.send(Message.of(nested, () -> CompletableFuture.completedFuture(null), reason -> {
            nacked.complete(reason);
            return CompletableFuture.completedFuture(null);
        }));
        send(error(service, "Nesting survived"));

        assertThat(nacked.get(15, TimeUnit.SECONDS))
                .isInstanceOf(MalformedEventException.class)
                .hasMessage("invalid LogRecord: missing or mistyped field 'message'");
        FaultDetected event = faults.awaitFirst(service).event();
        keys.fingerprint(event.fingerprint());
        assertThat(event.template()).isEqualTo("Nesting survived");
    }

    private void send(LogRecord record) {
        logs.send(Message.of(EventJson.write(record)));
    }

    private static LogRecord error(String service, String message) {
        return new LogRecord(
                UUID.randomUUID(),
                Instant.now().truncatedTo(ChronoUnit.MILLIS),
                1,
                service,
                "ERROR",
                message,
                null,
                null,
                null,
                null);
    }
}
