package io.autorecovery.detector;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import io.autorecovery.contracts.DetectionTrigger;
import io.autorecovery.contracts.EventJson;
import io.autorecovery.contracts.FaultClass;
import io.autorecovery.contracts.FaultDetected;
import io.autorecovery.contracts.LogRecord;
import io.autorecovery.contracts.Severity;
import io.autorecovery.contracts.Topics;
import io.autorecovery.detector.rest.FaultAccepted;
import io.autorecovery.detector.stack.StackTraceReader;
import io.autorecovery.detector.support.CloudEvents;
import io.autorecovery.detector.support.DetectorKeys;
import io.autorecovery.detector.support.DetectorTest;
import io.autorecovery.detector.support.ExpectedHeaders;
import io.autorecovery.detector.support.RealBroker;
import io.autorecovery.detector.support.TopicTail;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;

/** The detector against the real broker: events out with key and headers, bad records to the DLQ. */
@QuarkusTest
@WithTestResource(value = RealBroker.class, scope = TestResourceScope.MATCHING_RESOURCES)
class BrokerRoundTripTest extends DetectorTest {

    private static final Duration WAIT = Duration.ofSeconds(60);

    @Test
    void shouldPublishAReportedFaultKeyedByFingerprintWithCloudEventsHeaders() {
        String service = keys.newService("checkout");

        try (TopicTail faults = TopicTail.of(Topics.FAULTS_DETECTED)) {
            FaultAccepted accepted = given().contentType(ContentType.JSON)
                    .body(Map.of("service", service, "faultClass", "rate-limited", "message", "HTTP 429 from payments"))
                    .post("/faults")
                    .then()
                    .statusCode(202)
                    .extract()
                    .as(FaultAccepted.class);
            keys.fingerprint(accepted.fingerprint());

            var record = faults.await(candidate -> accepted.fingerprint().equals(candidate.key()), WAIT);

            FaultDetected event = EventJson.read(record.value(), FaultDetected.class);
            assertThat(event)
                    .isEqualTo(new FaultDetected(
                            event.eventId(),
                            event.occurredAt(),
                            1,
                            accepted.fingerprint(),
                            service,
                            FaultClass.RATE_LIMITED,
                            Severity.MEDIUM,
                            DetectionTrigger.NEW,
                            "HTTP <*> from payments",
                            List.of("HTTP 429 from payments"),
                            1,
                            event.firstSeen(),
                            event.firstSeen(),
                            List.of()));
            assertThat(CloudEvents.asMap(record.headers())).isEqualTo(ExpectedHeaders.of(event));
        }
    }

    @Test
    void shouldDeadLetterAMalformedRecordAndGoOnWithTheNext() throws Exception {
        String service = keys.newService("billing");
        String malformed = "{\"service\": \"" + service + "\", \"message\": oops";
        LogRecord good = new LogRecord(
                UUID.randomUUID(),
                Instant.now().truncatedTo(ChronoUnit.MILLIS),
                1,
                service,
                "ERROR",
                "java.lang.OutOfMemoryError: Java heap space",
                "com.shop.Billing",
                "main",
                null,
                null);

        try (TopicTail deadLetters = TopicTail.of(Topics.deadLetter(Topics.LOGS_RAW));
                TopicTail faults = TopicTail.of(Topics.FAULTS_DETECTED);
                KafkaProducer<String, String> producer = RealBroker.producer(0)) {
            // Same key, same partition: the good record is read after the malformed one.
            producer.send(new ProducerRecord<>(Topics.LOGS_RAW, service, malformed))
                    .get();
            producer.send(new ProducerRecord<>(Topics.LOGS_RAW, service, EventJson.write(good)))
                    .get();

            var dead = deadLetters.await(candidate -> malformed.equals(candidate.value()), WAIT);
            var raised = faults.await(candidate -> candidate.value().contains(service), WAIT);

            Map<String, String> deadHeaders = CloudEvents.asMap(dead.headers());
            assertThat(dead.key()).isEqualTo(service);
            assertThat(deadHeaders).containsEntry("dead-letter-topic", Topics.LOGS_RAW);
            assertThat(deadHeaders.get("dead-letter-reason")).startsWith("unreadable LogRecord");
            FaultDetected event = EventJson.read(raised.value(), FaultDetected.class);
            keys.fingerprint(event.fingerprint());
            assertThat(event)
                    .isEqualTo(new FaultDetected(
                            event.eventId(),
                            event.occurredAt(),
                            1,
                            DetectorKeys.fingerprintOf(service, FaultClass.OUT_OF_MEMORY, good.message())
                                    .value(),
                            service,
                            FaultClass.OUT_OF_MEMORY,
                            Severity.CRITICAL,
                            DetectionTrigger.NEW,
                            good.message(),
                            List.of(good.message()),
                            1,
                            good.occurredAt(),
                            good.occurredAt(),
                            List.of()));
            assertThat(raised.key()).isEqualTo(event.fingerprint());
        }
    }

    @Test
    void shouldAssembleContinuationRecordsAndCommitThemOnceHandled() throws Exception {
        String service = keys.newService("orders");
        List<LogRecord> records = List.of(
                record(service, "ERROR", "Order 8812 failed"),
                record(service, null, "java.lang.IllegalStateException: no stock for sku 81"),
                record(service, null, "\tat com.shop.orders.Inventory.reserve(Inventory.java:40)"),
                record(service, null, "Caused by: java.sql.SQLException: lock wait timeout"),
                record(service, "INFO", "Order 8813 placed"));
        String trace = "java.lang.IllegalStateException: no stock for sku 81\n"
                + "\tat com.shop.orders.Inventory.reserve(Inventory.java:40)\n"
                + "Caused by: java.sql.SQLException: lock wait timeout";

        try (TopicTail faults = TopicTail.of(Topics.FAULTS_DETECTED);
                KafkaProducer<String, String> producer = RealBroker.producer(0)) {
            RecordMetadata sent = null;
            for (LogRecord record : records) {
                sent = producer.send(new ProducerRecord<>(Topics.LOGS_RAW, service, EventJson.write(record)))
                        .get();
            }
            // Same key, same partition: every record is handled once the last one is committed.
            TopicPartition partition = new TopicPartition(Topics.LOGS_RAW, sent.partition());
            long handled = sent.offset() + 1;

            var raised = faults.await(candidate -> candidate.value().contains(service), WAIT);
            FaultDetected event = EventJson.read(raised.value(), FaultDetected.class);
            keys.fingerprint(event.fingerprint());
            assertThat(event.samples()).containsExactly("Order 8812 failed\n" + trace);
            assertThat(event.fingerprint())
                    .isEqualTo(Fingerprint.ofStack(
                                    service, StackTraceReader.read(trace).orElseThrow())
                            .value());
            org.awaitility.Awaitility.await().atMost(WAIT).until(() -> RealBroker.committed(partition) >= handled);
        }
    }

    @Test
    void shouldBeReadyWithRedisAndKafkaChecked() {
        JsonPath health =
                given().get("/q/health/ready").then().statusCode(200).extract().jsonPath();

        assertThat(health.getString("status")).isEqualTo("UP");
        assertThat(health.getList("checks.name"))
                .contains("Redis connection health check", "Kafka connection health check");
        assertThat(health.getList("checks.status")).containsOnly("UP");
    }

    private static LogRecord record(String service, String level, String message) {
        return new LogRecord(
                UUID.randomUUID(),
                Instant.now().truncatedTo(ChronoUnit.MILLIS),
                1,
                service,
                level,
                message,
                null,
                null,
                null,
                null);
    }
}
