package io.autorecovery.detector.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.autorecovery.contracts.EventJson;
import io.autorecovery.contracts.FaultDetected;
import io.autorecovery.contracts.LogRecord;
import io.autorecovery.contracts.MalformedEventException;
import io.autorecovery.detector.Fingerprint;
import io.autorecovery.detector.stack.StackSignature;
import io.autorecovery.detector.stack.StackTraceReader;
import io.autorecovery.detector.support.InMemoryChannels;
import io.autorecovery.detector.support.InMemoryDetectorTest;
import io.autorecovery.detector.support.RawLogs;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** Hostile log records: each gets a clear outcome, and the record after it is still processed. */
@QuarkusTest
@WithTestResource(value = InMemoryChannels.class, scope = TestResourceScope.MATCHING_RESOURCES)
class HostileRecordTest extends InMemoryDetectorTest {

    private static final int TEN_MEGABYTES = 10 * 1024 * 1024;

    @Test
    void shouldDeadLetterATenMegabyteRecordAndGoOnWithTheNext() throws Exception {
        String service = keys.newService("uploads");
        String record = EventJson.write(error("uploads", "Upload failed: " + "x".repeat(TEN_MEGABYTES)));

        RawLogs.Sent sent = logs.send(record);
        send(error(service, "Upload failed: quota exceeded"));

        assertThat(sent.rejected().get(15, TimeUnit.SECONDS))
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
        String nested = "{\"message\": " + "[".repeat(100_000) + "]".repeat(100_000) + "}";

        RawLogs.Sent sent = logs.send(nested);
        send(error(service, "Nesting survived"));

        assertThat(sent.rejected().get(15, TimeUnit.SECONDS))
                .isInstanceOf(MalformedEventException.class)
                .hasMessage("invalid LogRecord: missing or mistyped field 'message'");
        FaultDetected event = faults.awaitFirst(service).event();
        keys.fingerprint(event.fingerprint());
        assertThat(event.template()).isEqualTo("Nesting survived");
    }

    @Test
    void shouldDeadLetterARecordWithAHundredThousandFramesAndGoOnWithTheNext() throws Exception {
        String service = keys.newService("pricing");
        String trace =
                "java.lang.StackOverflowError\n" + "\tat com.example.Pricing.price(Pricing.java:10)\n".repeat(100_000);
        String record = EventJson.write(new LogRecord(
                UUID.randomUUID(), Instant.now(), 1, service, "ERROR", "Pricing failed", null, null, null, trace));

        RawLogs.Sent sent = logs.send(record);
        send(error(service, "Pricing retried and failed"));

        assertThat(sent.rejected().get(15, TimeUnit.SECONDS))
                .isInstanceOf(MalformedEventException.class)
                .hasMessage("record of " + record.length() + " bytes exceeds the limit of 1048576 bytes");
        FaultDetected after = faults.awaitFirst(service).event();
        keys.fingerprint(after.fingerprint());
        assertThat(after.template()).isEqualTo("Pricing retried and failed");
    }

    @Test
    void shouldBoundATraceSentAsThousandsOfContinuationRecordsAndAckThemAll() throws Exception {
        String service = keys.newService("pricing");
        List<CompletableFuture<Void>> acks = new ArrayList<>();
        acks.add(sendTracked(error(service, "Pricing failed")));
        acks.add(sendTracked(frame(service, "java.lang.StackOverflowError: deep")));
        for (int i = 0; i < 5000; i++) {
            acks.add(sendTracked(frame(service, "\tat com.example.Pricing.price(Pricing.java:" + (10 + i % 7) + ")")));
        }
        acks.add(sendTracked(frame(service, "Caused by: java.lang.IllegalStateException: cycle")));
        send(error(service, "Pricing retried and failed"));

        await().atMost(Duration.ofSeconds(30)).until(() -> faults.of(service).size() == 2);
        FaultDetected event = faults.of(service).get(0).event();
        keys.fingerprint(event.fingerprint());
        keys.fingerprint(faults.of(service).get(1).event().fingerprint());
        await().atMost(Duration.ofSeconds(5)).until(() -> acks.stream().allMatch(CompletableFuture::isDone));
        StackSignature expected = StackTraceReader.read(
                        "java.lang.StackOverflowError: deep\n\tat com.example.Pricing.price(Pricing.java:1)\n"
                                + "Caused by: java.lang.IllegalStateException: cycle")
                .orElseThrow();
        assertThat(event.fingerprint())
                .isEqualTo(Fingerprint.ofStack(service, expected).value());
        assertThat(event.template()).isEqualTo("Pricing failed");
        assertThat(event.samples().get(0)).hasSize(2000).endsWith(" chars]");
    }

    private CompletableFuture<Void> sendTracked(LogRecord record) {
        return logs.send(record).settled();
    }

    private static LogRecord frame(String service, String line) {
        return new LogRecord(UUID.randomUUID(), Instant.now(), 1, service, null, line, null, null, null, null);
    }

    private void send(LogRecord record) {
        logs.send(record);
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
