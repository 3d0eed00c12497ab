package io.autorecovery.detector.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.autorecovery.contracts.DetectionTrigger;
import io.autorecovery.contracts.EventJson;
import io.autorecovery.contracts.EventType;
import io.autorecovery.contracts.FaultClass;
import io.autorecovery.contracts.FaultDetected;
import io.autorecovery.contracts.LogRecord;
import io.autorecovery.contracts.MalformedEventException;
import io.autorecovery.contracts.Samples;
import io.autorecovery.contracts.Severity;
import io.autorecovery.detector.DetectorUnavailableException;
import io.autorecovery.detector.Fingerprint;
import io.autorecovery.detector.stack.StackSignature;
import io.autorecovery.detector.stack.StackTraceReader;
import io.autorecovery.detector.store.RedisKeys;
import io.autorecovery.detector.support.ExpectedHeaders;
import io.autorecovery.detector.support.FaultSink;
import io.autorecovery.detector.support.InMemoryChannels;
import io.autorecovery.detector.support.InMemoryDetectorTest;
import io.autorecovery.detector.support.RawLogs;
import io.autorecovery.detector.template.LogTemplate;
import io.autorecovery.detector.template.LogTokenizer;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

@QuarkusTest
@WithTestResource(value = InMemoryChannels.class, scope = TestResourceScope.MATCHING_RESOURCES)
class LogRecordConsumerTest extends InMemoryDetectorTest {

    private static final LogRecord SAMPLE = EventJson.read(Samples.json(EventType.LOG_RECORDED), LogRecord.class);
    private static final StackSignature SAMPLE_STACK =
            StackTraceReader.read(SAMPLE.stackTrace()).orElseThrow();
    private static final String POOL_TEMPLATE = "Timed out after <*> waiting for a connection from pool <*>";
    private static final String POOL_MASKED = "[{\"position\":3,\"original\":\"30000ms\",\"masked\":\"<*>\","
            + "\"rule\":\"DURATION\",\"reason\":\"a number with a time unit\"},"
            + "{\"position\":10,\"original\":\"'orders-db'\",\"masked\":\"<*>\","
            + "\"rule\":\"QUOTED\",\"reason\":\"a quoted value\"}]";

    @Test
    void shouldRaiseTheSampleErrorRecordAsANewFaultCarryingItsBreadcrumbs() throws Exception {
        String service = keys.newService("checkout");
        Instant before = Instant.now().truncatedTo(ChronoUnit.MILLIS);

        send(line(service, "INFO", "Received order 81733 from cart 5521"));
        send(line(service, "WARN", "Pool orders-db at 20/20 active connections"));
        send(sampleErrorOf(service));

        FaultSink.Sent sent = faults.awaitFirst(service);
        FaultDetected event = sent.event();
        Fingerprint fingerprint = keys.fingerprint(event.fingerprint());
        assertThat(event)
                .isEqualTo(new FaultDetected(
                        event.eventId(),
                        event.occurredAt(),
                        1,
                        Fingerprint.ofStack(service, SAMPLE_STACK).value(),
                        service,
                        FaultClass.DB_POOL_EXHAUSTED,
                        Severity.HIGH,
                        DetectionTrigger.NEW,
                        POOL_TEMPLATE,
                        List.of(SAMPLE.message() + "\n" + SAMPLE.stackTrace()),
                        1,
                        SAMPLE.occurredAt(),
                        SAMPLE.occurredAt(),
                        List.of(
                                "INFO Received order 81733 from cart 5521",
                                "WARN Pool orders-db at 20/20 active connections")));
        assertThat(event.occurredAt()).isBetween(before, Instant.now());
        assertThat(sent.key()).isEqualTo(event.fingerprint());
        assertThat(sent.headers()).isEqualTo(ExpectedHeaders.of(event));
        assertThat(redis.hash(String.class).hgetall(RedisKeys.signature(fingerprint)))
                .isEqualTo(Map.of(
                        "service", service,
                        "faultClass", "db-pool-exhausted",
                        "template", event.template(),
                        "templateId", LogTemplate.idOf(LogTokenizer.splitTemplate(POOL_TEMPLATE)),
                        "masked", POOL_MASKED,
                        "firstSeen", Long.toString(SAMPLE.occurredAt().toEpochMilli()),
                        "lastSeen", Long.toString(SAMPLE.occurredAt().toEpochMilli()),
                        "count", "1",
                        "announcedAt", Long.toString(event.occurredAt().toEpochMilli()),
                        "stack", EventJson.mapper().writeValueAsString(SAMPLE_STACK)));
    }

    @Test
    void shouldCountARepeatedErrorWithoutRaisingItAgain() {
        String service = keys.newService("orders");
        String barrier = keys.newService("barrier");

        send(error(service, "Deadlock found when trying to get lock; txn 4411"));
        send(error(service, "Deadlock found when trying to get lock; txn 4412"));
        // Records are handled in order, so once the barrier's fault is out the repeat was handled too.
        send(error(barrier, "Deadlock found when trying to get lock; txn 1"));
        faults.awaitFirst(barrier);
        keys.fingerprint(faults.of(barrier).get(0).event().fingerprint());

        List<FaultSink.Sent> sent = faults.of(service);
        assertThat(sent).hasSize(1);
        Fingerprint fingerprint = keys.fingerprint(sent.get(0).event().fingerprint());
        assertThat(redis.hash(String.class).hget(RedisKeys.signature(fingerprint), "count"))
                .isEqualTo("2");
        assertThat(redis.list(String.class).lrange(RedisKeys.samples(fingerprint), 0, -1))
                .containsExactly(
                        "Deadlock found when trying to get lock; txn 4412",
                        "Deadlock found when trying to get lock; txn 4411");
    }

    @Test
    void shouldRejectAMalformedRecordAndGoOnWithTheNext() throws Exception {
        String service = keys.newService("payments");
        RawLogs.Sent malformed = logs.send("{\"eventId\": \"not json");
        send(error(service, "java.lang.NullPointerException: order is null"));

        assertThat(malformed.rejected().get(15, TimeUnit.SECONDS)).isInstanceOf(MalformedEventException.class);
        assertThat(malformed.settled()).isNotDone();
        FaultDetected event = faults.awaitFirst(service).event();
        keys.fingerprint(event.fingerprint());
        assertThat(event.faultClass()).isEqualTo(FaultClass.NULL_REFERENCE);
        assertThat(event.samples()).containsExactly("java.lang.NullPointerException: order is null");
    }

    /** Unreadable payloads, with the start of the reason given; the contracts word their own reasons. */
    static Stream<Arguments> unreadableRecords() {
        return Stream.of(
                Arguments.of("", "empty record"),
                Arguments.of("{\"eventId\": \"not json", "unreadable LogRecord"),
                Arguments.of("null", "a JSON null is not a LogRecord"),
                Arguments.of("[]", ""),
                Arguments.of(
                        "{\"version\": 1, \"occurredAt\": \"2026-11-30T09:14:02Z\", \"service\": \"checkout\","
                                + " \"message\": \"no id\"}",
                        "invalid LogRecord"),
                Arguments.of(
                        "{\"eventId\": \"0b6f1c52-6f0e-4a39-9d1e-2f7f5a4c9e01\", \"version\": 1,"
                                + " \"occurredAt\": \"2026-11-30T09:14:02Z\", \"service\": \"check out\","
                                + " \"level\": \"ERROR\", \"message\": \"spaced service\"}",
                        "invalid LogRecord: service must not contain whitespace or control characters"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("unreadableRecords")
    void shouldNackEveryUnreadableRecord(String payload, String reason) throws Exception {
        RawLogs.Sent sent = logs.send(payload);

        assertThat(sent.rejected().get(15, TimeUnit.SECONDS))
                .isInstanceOf(MalformedEventException.class)
                .hasMessageStartingWith(reason);
    }

    @Test
    void shouldNackARecordWhoseServiceNameIsTooLong() throws Exception {
        RawLogs.Sent sent = logs.send(LogRecord.of("s".repeat(129), "ERROR", "Boom", null, null));

        assertThat(sent.rejected().get(15, TimeUnit.SECONDS))
                .isInstanceOf(MalformedEventException.class)
                .hasMessage("invalid LogRecord: service is longer than 128 characters");
    }

    @Test
    void shouldKeepOnlyTheLatestFiveBreadcrumbs() {
        String service = keys.newService("catalog");

        IntStream.rangeClosed(1, 7).forEach(i -> send(line(service, "info", "Served page " + i)));
        send(line(service, null, "A line without a level"));
        send(line(service, "DEBUG", "Cache miss"));
        send(error(service, "java.lang.OutOfMemoryError: Java heap space"));

        FaultDetected event = faults.awaitFirst(service).event();
        keys.fingerprint(event.fingerprint());
        assertThat(event.breadcrumbs())
                .containsExactly(
                        "info Served page 5",
                        "info Served page 6",
                        "info Served page 7",
                        "A line without a level",
                        "DEBUG Cache miss");
        assertThat(event.severity()).isEqualTo(Severity.CRITICAL);
    }

    @Test
    void shouldTreatFatalInAnyCaseAsAFault() {
        String service = keys.newService("billing");

        send(line(service, " Fatal ", "No space left on device while writing invoice 77"));

        FaultDetected event = faults.awaitFirst(service).event();
        keys.fingerprint(event.fingerprint());
        assertThat(event.faultClass()).isEqualTo(FaultClass.DISK_FULL);
        assertThat(event.template()).isEqualTo("No space left on device while writing invoice <*>");
    }

    @Test
    void shouldKeepTheEarliestAndLatestTimesOfRecordsArrivingOutOfOrder() {
        String service = keys.newService("search");
        Instant noon = Instant.parse("2026-11-30T12:00:00.250Z");
        String barrier = keys.newService("barrier");

        send(error(service, "Query timed out after 100 ms", noon));
        send(error(service, "Query timed out after 200 ms", noon.minusSeconds(30)));
        send(error(service, "Query timed out after 300 ms", noon.plusSeconds(30)));
        send(error(barrier, "Query timed out after 1 ms"));
        await().atMost(Duration.ofSeconds(15)).until(() -> !faults.of(barrier).isEmpty());
        keys.fingerprint(faults.of(barrier).get(0).event().fingerprint());

        Fingerprint fingerprint =
                keys.fingerprint(faults.of(service).get(0).event().fingerprint());
        Map<String, String> signature = redis.hash(String.class).hgetall(RedisKeys.signature(fingerprint));
        assertThat(signature)
                .containsEntry("firstSeen", Long.toString(noon.minusSeconds(30).toEpochMilli()))
                .containsEntry("lastSeen", Long.toString(noon.plusSeconds(30).toEpochMilli()))
                .containsEntry("count", "3");
    }

    @Test
    void shouldAssembleContinuationRecordsOfEachServiceIntoTheRecordBeforeThemAndAckThemAll() {
        String orders = keys.newService("orders");
        String billing = keys.newService("billing");
        List<CompletableFuture<Void>> acks = new ArrayList<>();

        acks.add(sendTracked(error(orders, "Order 8812 failed")));
        acks.add(sendTracked(error(billing, "Charge 77 failed")));
        acks.add(sendTracked(line(orders, null, "java.lang.IllegalStateException: no stock")));
        acks.add(sendTracked(line(billing, null, "java.io.IOException: connection reset")));
        acks.add(sendTracked(line(orders, null, "\tat com.shop.Orders.place(Orders.java:41)")));
        acks.add(sendTracked(line(orders, null, "Caused by: java.sql.SQLException: lock timeout")));
        acks.add(sendTracked(line(billing, null, "\tat com.shop.Billing.charge(Billing.java:9)")));
        acks.add(sendTracked(line(orders, null, "\t... 1 more")));

        FaultDetected order = faults.awaitFirst(orders).event();
        FaultDetected charge = faults.awaitFirst(billing).event();
        keys.fingerprint(order.fingerprint());
        keys.fingerprint(charge.fingerprint());
        String orderTrace = "java.lang.IllegalStateException: no stock\n"
                + "\tat com.shop.Orders.place(Orders.java:41)\n"
                + "Caused by: java.sql.SQLException: lock timeout\n"
                + "\t... 1 more";
        assertThat(order.samples()).containsExactly("Order 8812 failed\n" + orderTrace);
        assertThat(order.fingerprint())
                .isEqualTo(Fingerprint.ofStack(
                                orders, StackTraceReader.read(orderTrace).orElseThrow())
                        .value());
        assertThat(charge.samples())
                .containsExactly("Charge 77 failed\njava.io.IOException: connection reset\n"
                        + "\tat com.shop.Billing.charge(Billing.java:9)");
        await().atMost(Duration.ofSeconds(5)).until(() -> acks.stream().allMatch(CompletableFuture::isDone));
    }

    @Test
    void shouldTakeARecordThatAlreadyCarriesItsStackTraceAsItIs() {
        String service = keys.newService("orders");
        String trace = "java.lang.IllegalStateException: no stock\n\tat com.shop.Orders.place(Orders.java:41)";

        send(new LogRecord(
                UUID.randomUUID(), Instant.now(), 1, service, "ERROR", "Order 1 failed", null, null, null, trace));

        FaultDetected event = faults.awaitFirst(service).event();
        keys.fingerprint(event.fingerprint());
        assertThat(event.samples()).containsExactly("Order 1 failed\n" + trace);
        assertThat(event.fingerprint())
                .isEqualTo(Fingerprint.ofStack(
                                service, StackTraceReader.read(trace).orElseThrow())
                        .value());
    }

    @Test
    void shouldOpenAnotherRedisConnectionWhenTheOneItSendsOnIsClosedAndLeaveNoRecordUnsettled() throws Exception {
        String before = keys.newService("orders");
        send(error(before, "Deadlock found when trying to get lock; txn 1"));
        keys.fingerprint(faults.awaitFirst(before).event().fingerprint());

        // Closes every client connection but the test's own, the one the detector sends batches on too.
        redis.execute("CLIENT", "KILL", "TYPE", "normal", "SKIPME", "yes");

        List<RawLogs.Sent> rejected = new ArrayList<>();
        String after = null;
        for (int attempt = 0; attempt < 5 && after == null; attempt++) {
            String service = keys.newService("orders");
            RawLogs.Sent sent = logs.send(error(service, "Deadlock found when trying to get lock; txn 2"));
            CompletableFuture.anyOf(sent.settled(), sent.rejected()).get(40, TimeUnit.SECONDS);
            if (sent.settled().isDone()) {
                after = service;
            } else {
                rejected.add(sent);
            }
        }

        assertThat(after).as("a record handled after the connection was closed").isNotNull();
        keys.fingerprint(faults.awaitFirst(after).event().fingerprint());
        assertThat(rejected)
                .hasSizeLessThan(2)
                .allSatisfy(sent -> assertThat(sent.rejected().get())
                        .isInstanceOf(DetectorUnavailableException.class)
                        .hasMessageStartingWith("Redis could not handle 1 records"));
    }

    @Test
    void shouldRecordFaultsAfterRedisForgotItsScripts() {
        String before = keys.newService("orders");
        send(error(before, "Deadlock found when trying to get lock; txn 1"));
        keys.fingerprint(faults.awaitFirst(before).event().fingerprint());

        // What a restarted Redis, or an operator, does to the scripts the detector calls by digest.
        redis.execute("SCRIPT", "FLUSH");
        String after = keys.newService("orders");
        send(line(after, "INFO", "Placing order 7"));
        send(error(after, "Deadlock found when trying to get lock; txn 2"));

        FaultDetected event = faults.awaitFirst(after).event();
        keys.fingerprint(event.fingerprint());
        assertThat(event.breadcrumbs()).containsExactly("INFO Placing order 7");
    }

    private CompletableFuture<Void> sendTracked(LogRecord record) {
        return logs.send(record).settled();
    }

    private void send(LogRecord record) {
        logs.send(record);
    }

    private static LogRecord sampleErrorOf(String service) {
        return new LogRecord(
                UUID.randomUUID(),
                SAMPLE.occurredAt(),
                SAMPLE.version(),
                service,
                SAMPLE.level(),
                SAMPLE.message(),
                SAMPLE.logger(),
                SAMPLE.thread(),
                SAMPLE.traceId(),
                SAMPLE.stackTrace());
    }

    private static LogRecord error(String service, String message) {
        return error(service, message, Instant.now().truncatedTo(ChronoUnit.MILLIS));
    }

    private static LogRecord error(String service, String message, Instant at) {
        return new LogRecord(UUID.randomUUID(), at, 1, service, "ERROR", message, null, null, null, null);
    }

    private static LogRecord line(String service, String level, String message) {
        return new LogRecord(
                UUID.randomUUID(), Instant.now(), 1, service, level, message, "com.shop.Web", null, null, null);
    }
}
