package io.autorecovery.dashboard;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.everyItem;

import com.fasterxml.jackson.databind.JsonNode;
import io.autorecovery.contracts.EventJson;
import io.autorecovery.contracts.EventType;
import io.autorecovery.contracts.MeshEvent;
import io.autorecovery.contracts.Topics;
import io.autorecovery.dashboard.ingest.FeedIntake;
import io.autorecovery.dashboard.support.FeedStream;
import io.autorecovery.dashboard.support.SseClient;
import io.autorecovery.dashboard.support.TestEvents;
import io.quarkus.redis.datasource.RedisDataSource;
import io.quarkus.redis.datasource.stream.StreamMessage;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The service against the real broker and Redis. Other producers may share the broker, so the
 * test picks out its own records by their fresh event ids and keys.
 */
@QuarkusTest
class BrokerFanOutTest {

    private static final Duration TIMEOUT = Duration.ofSeconds(60);
    private static final String BOOTSTRAP_SERVERS =
            System.getenv().getOrDefault("KAFKA_BOOTSTRAP_SERVERS", "localhost:9092");

    @Inject
    RedisDataSource redis;

    @TestHTTPResource("/stream")
    URI stream;

    @BeforeEach
    void startWithAnEmptyFeed() {
        FeedStream.clear(redis);
    }

    @Test
    void fansEveryPipelineTopicOutFromTheBrokerToBrowsers() {
        Map<String, String> sentByEventId = new LinkedHashMap<>();
        Map<String, String> topicByEventId = new HashMap<>();
        for (String topic : FeedIntake.PIPELINE_TOPICS) {
            String json = TestEvents.sampleWithNewId(EventType.ofTopic(topic));
            String eventId = TestEvents.tree(json).get("eventId").asText();
            sentByEventId.put(eventId, json);
            topicByEventId.put(eventId, topic);
        }

        try (SseClient client = SseClient.connect(stream);
                KafkaProducer<String, String> producer = producer()) {
            sentByEventId.forEach((eventId, json) -> send(producer, topicByEventId.get(eventId), json));

            Map<String, SseClient.Event> received = new HashMap<>();
            Instant deadline = Instant.now().plus(TIMEOUT);
            while (received.size() < sentByEventId.size() && Instant.now().isBefore(deadline)) {
                SseClient.Event event = client.next(Duration.between(Instant.now(), deadline));
                String eventId = TestEvents.tree(event.data())
                        .get("event")
                        .get("eventId")
                        .asText();
                if (sentByEventId.containsKey(eventId)) {
                    received.put(eventId, event);
                }
            }

            Map<String, String> storedIds = FeedStream.entries(redis).stream()
                    .collect(Collectors.toMap(
                            StreamMessage::id, message -> message.payload().get("payload")));
            assertThat(received).containsOnlyKeys(sentByEventId.keySet());
            sentByEventId.forEach((eventId, json) -> {
                String topic = topicByEventId.get(eventId);
                SseClient.Event event = received.get(eventId);
                MeshEvent sent = EventJson.read(json, EventType.ofTopic(topic).recordType());
                assertThat(event.name()).isEqualTo(topic);
                assertThat(TestEvents.tree(event.data())).isEqualTo(TestEvents.envelope(topic, sent.subject(), json));
                assertThat(storedIds).containsEntry(event.id(), EventJson.write(sent));
            });
        }
    }

    @Test
    void sendsAMalformedRecordToTheDeadLetterTopicWithItsReason() {
        String key = "malformed-" + UUID.randomUUID();
        String malformed = "not json: " + key;

        try (KafkaConsumer<String, String> deadLetters = deadLetterConsumer();
                KafkaProducer<String, String> producer = producer()) {
            deadLetters.subscribe(List.of(Topics.deadLetter(Topics.INCIDENTS_CREATED)));
            send(producer, Topics.INCIDENTS_CREATED, key, malformed);

            ConsumerRecord<String, String> dead = null;
            Instant deadline = Instant.now().plus(TIMEOUT);
            while (dead == null && Instant.now().isBefore(deadline)) {
                for (ConsumerRecord<String, String> record : deadLetters.poll(Duration.ofMillis(500))) {
                    if (key.equals(record.key())) {
                        dead = record;
                    }
                }
            }

            assertThat(dead).as("the dead letter of %s", key).isNotNull();
            assertThat(dead.value()).isEqualTo(malformed);
            assertThat(header(dead, "dead-letter-reason")).startsWith("unreadable IncidentCreated: ");
            assertThat(header(dead, "dead-letter-exception-class-name"))
                    .isEqualTo("io.autorecovery.contracts.MalformedEventException");
            assertThat(header(dead, "dead-letter-topic")).isEqualTo(Topics.INCIDENTS_CREATED);
            assertThat(FeedStream.entries(redis))
                    .extracting(message -> message.payload().get("payload"))
                    .noneMatch(payload -> payload.contains(key));
        }
    }

    @Test
    void reportsReadyWithRedisKafkaAndTheFeedTail() {
        given().when()
                .get("/q/health/ready")
                .then()
                .statusCode(200)
                .body("status", equalTo("UP"))
                .body(
                        "checks.name",
                        containsInAnyOrder(
                                "Redis connection health check",
                                "Kafka connection health check",
                                "SmallRye Reactive Messaging - readiness check",
                                "Dashboard feed tail"))
                .body("checks.status", everyItem(equalTo("UP")));
    }

    private static void send(KafkaProducer<String, String> producer, String topic, String json) {
        JsonNode event = TestEvents.tree(json);
        String key = topic.startsWith("deploy.")
                ? event.get("service").asText()
                : topic.equals(Topics.FAULTS_DETECTED)
                        ? event.get("fingerprint").asText()
                        : event.get("incidentId").asText();
        send(producer, topic, key, json);
    }

    private static void send(KafkaProducer<String, String> producer, String topic, String key, String value) {
        try {
            producer.send(new ProducerRecord<>(topic, key, value)).get(30, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IllegalStateException("cannot send to " + topic, e);
        }
    }

    private static KafkaProducer<String, String> producer() {
        Properties properties = new Properties();
        properties.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, BOOTSTRAP_SERVERS);
        properties.put(ProducerConfig.ACKS_CONFIG, "all");
        properties.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        return new KafkaProducer<>(properties, new StringSerializer(), new StringSerializer());
    }

    private static KafkaConsumer<String, String> deadLetterConsumer() {
        Properties properties = new Properties();
        properties.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, BOOTSTRAP_SERVERS);
        properties.put(ConsumerConfig.GROUP_ID_CONFIG, "dashboard-test-" + UUID.randomUUID());
        properties.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        properties.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        return new KafkaConsumer<>(properties, new StringDeserializer(), new StringDeserializer());
    }

    private static String header(ConsumerRecord<String, String> record, String name) {
        Header header = record.headers().lastHeader(name);
        assertThat(header).as("header %s", name).isNotNull();
        return new String(header.value(), StandardCharsets.UTF_8);
    }
}
