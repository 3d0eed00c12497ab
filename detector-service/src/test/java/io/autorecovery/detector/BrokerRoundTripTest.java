package io.autorecovery.detector;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import io.autorecovery.contracts.DetectionTrigger;
import io.autorecovery.contracts.EventJson;
import io.autorecovery.contracts.FaultClass;
import io.autorecovery.contracts.FaultDetected;
import io.autorecovery.contracts.LogRecord;
import io.autorecovery.contracts.MalformedEventException;
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
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.Test;

/** The detector against the real broker: events out with key and headers, bad records to the DLQ. */
@QuarkusTest
@WithTestResource(value = RealBroker.class, scope = TestResourceScope.MATCHING_RESOURCES)
class BrokerRoundTripTest extends DetectorTest {

    private static final Duration WAIT = Duration.ofSeconds(60);

    @Test
    void shouldReportTheLogsRawReaderReadyOnceItReads() {
        JsonPath health =
                given().get("/q/health/ready").then().statusCode(200).extract().jsonPath();

        assertThat(health.getString("checks.find { it.name == 'logs.raw reader' }.status"))
                .isEqualTo("UP");
        assertThat(health.getString("checks.find { it.name == 'logs.raw reader' }.data.group"))
                .isEqualTo(ConfigProvider.getConfig().getValue("detector.logs-raw.group-id", String.class));
    }

    @Test
    void shouldPutAnUndecodableRecordOnTheDeadLetterTopicByteForByteWithWhereItCameFrom() throws Exception {
        String service = keys.newService("scanner");
        ByteArrayOutputStream payload = new ByteArrayOutputStream();
        payload.writeBytes(
                ("{\"service\": \"" + service + "\", \"message\": \"scan ").getBytes(StandardCharsets.UTF_8));
        payload.writeBytes(new byte[] {(byte) 0xC3, 0x28, (byte) 0xFF, 0x00, (byte) 0x80});
        payload.writeBytes("\"}".getBytes(StandardCharsets.UTF_8));
        ProducerRecord<String, byte[]> record =
                new ProducerRecord<>(Topics.LOGS_RAW, null, service, payload.toByteArray());
        record.headers().add("shipper", "vector-7".getBytes(StandardCharsets.UTF_8));

        try (TopicTail deadLetters = TopicTail.of(Topics.deadLetter(Topics.LOGS_RAW), StandardCharsets.ISO_8859_1);
                KafkaProducer<String, byte[]> producer = new KafkaProducer<>(
                        Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, RealBroker.bootstrapServers()),
                        new StringSerializer(),
                        new ByteArraySerializer())) {
            RecordMetadata sent = producer.send(record).get();

            var dead = deadLetters.await(candidate -> service.equals(candidate.key()), WAIT);

            assertThat(dead.value().getBytes(StandardCharsets.ISO_8859_1)).isEqualTo(payload.toByteArray());
            Map<String, String> headers = CloudEvents.asMap(dead.headers());
            assertThat(headers)
                    .containsEntry("shipper", "vector-7")
                    .containsEntry("dead-letter-topic", Topics.LOGS_RAW)
                    .containsEntry("dead-letter-partition", Integer.toString(sent.partition()))
                    .containsEntry("dead-letter-offset", Long.toString(sent.offset()))
                    .containsEntry("dead-letter-exception-class-name", MalformedEventException.class.getName());
            assertThat(headers.get("dead-letter-reason"))
                    .startsWith("unreadable LogRecord: Illegal unquoted character");
        }
    }

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
