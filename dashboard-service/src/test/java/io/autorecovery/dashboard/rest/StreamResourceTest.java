package io.autorecovery.dashboard.rest;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.autorecovery.contracts.EventJson;
import io.autorecovery.contracts.EventType;
import io.autorecovery.contracts.IncidentCreated;
import io.autorecovery.contracts.MalformedEventException;
import io.autorecovery.contracts.Samples;
import io.autorecovery.contracts.Topics;
import io.autorecovery.dashboard.feed.FeedHub;
import io.autorecovery.dashboard.support.Deliveries;
import io.autorecovery.dashboard.support.FeedStream;
import io.autorecovery.dashboard.support.InMemoryChannels;
import io.autorecovery.dashboard.support.SseClient;
import io.autorecovery.dashboard.support.TestEvents;
import io.autorecovery.dashboard.support.TestTokens;
import io.quarkus.redis.datasource.RedisDataSource;
import io.quarkus.redis.datasource.stream.StreamMessage;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.smallrye.reactive.messaging.memory.InMemoryConnector;
import jakarta.enterprise.inject.Any;
import jakarta.inject.Inject;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** The stream end to end inside the service: channel in, Redis stream, server-sent events out. */
@QuarkusTest
@TestProfile(InMemoryChannels.class)
class StreamResourceTest {

    private static final Duration TIMEOUT = Duration.ofSeconds(10);
    private static final Duration QUIET = Duration.ofMillis(1500);

    @Inject
    @Any
    InMemoryConnector channels;

    @Inject
    RedisDataSource redis;

    @Inject
    FeedHub hub;

    @TestHTTPResource("/stream")
    URI stream;

    @BeforeEach
    void startWithAnEmptyFeed() {
        FeedStream.clear(redis);
        await().atMost(TIMEOUT).until(() -> hub.connectionCount() == 0);
    }

    @Test
    void deliversAnIncomingEventToAConnectedBrowserExactlyOnce() {
        String json = Samples.json(EventType.INCIDENT_CREATED);
        IncidentCreated sample = EventJson.read(json, IncidentCreated.class);

        try (SseClient client = SseClient.connect(stream)) {
            deliver(Topics.INCIDENTS_CREATED, json);

            SseClient.Event event = client.next(TIMEOUT);
            List<StreamMessage<String, String, String>> stored = FeedStream.entries(redis);
            assertThat(stored).hasSize(1);
            assertThat(stored.get(0).payload())
                    .isEqualTo(Map.of(
                            "topic", Topics.INCIDENTS_CREATED,
                            "subject", sample.incidentId().toString(),
                            "payload", EventJson.write(sample)));
            assertThat(event.id()).isEqualTo(stored.get(0).id());
            assertThat(event.name()).isEqualTo(Topics.INCIDENTS_CREATED);
            assertThat(TestEvents.tree(event.data()))
                    .isEqualTo(TestEvents.envelope(
                            Topics.INCIDENTS_CREATED, "c1a7e2d4-8b3f-4f6a-9c5e-1d2b3a4f5e60", json));
            assertThat(client.receivedWithin(QUIET)).isEmpty();
        }
    }

    @Test
    void showsARedeliveredEventOnce() {
        String json = TestEvents.sampleWithNewId(EventType.PATCH_PROPOSED);
        double duplicatesBefore = metric("dashboard_events_duplicate_total");

        try (SseClient client = SseClient.connect(stream)) {
            deliver(Topics.PATCH_PROPOSED, json);
            deliver(Topics.PATCH_PROPOSED, json);

            List<SseClient.Event> received = client.receivedWithin(QUIET);
            assertThat(received).hasSize(1);
            assertThat(received.get(0).id()).isEqualTo(storedIds().get(0));
            assertThat(TestEvents.tree(received.get(0).data()).get("event")).isEqualTo(TestEvents.tree(json));
            assertThat(storedIds()).hasSize(1);
            assertThat(metric("dashboard_events_duplicate_total")).isEqualTo(duplicatesBefore + 1);
        }
    }

    @Test
    void resumesAfterTheLastEventIdWithNothingMissedAndNothingRepeated() {
        String a = TestEvents.sampleWithNewId(EventType.INCIDENT_CREATED);
        String b = TestEvents.sampleWithNewId(EventType.ANALYSIS_COMPLETED);
        String c = TestEvents.sampleWithNewId(EventType.PATCH_PROPOSED);
        String d = TestEvents.sampleWithNewId(EventType.DEPLOY_COMPLETED);

        String idOfA;
        try (SseClient first = SseClient.connect(stream)) {
            deliver(Topics.INCIDENTS_CREATED, a);
            idOfA = first.next(TIMEOUT).id();
        }
        deliver(Topics.ANALYSIS_COMPLETED, b);
        deliver(Topics.PATCH_PROPOSED, c);

        try (SseClient resumed = SseClient.connect(stream, Map.of("Last-Event-ID", idOfA))) {
            List<SseClient.Event> replayed = resumed.next(2, TIMEOUT);
            assertThat(replayed)
                    .extracting(SseClient.Event::name)
                    .containsExactly(Topics.ANALYSIS_COMPLETED, Topics.PATCH_PROPOSED);
            assertThat(replayed)
                    .extracting(event -> TestEvents.tree(event.data()).get("event"))
                    .containsExactly(TestEvents.tree(b), TestEvents.tree(c));
            assertThat(replayed)
                    .extracting(SseClient.Event::id)
                    .containsExactlyElementsOf(storedIds().subList(1, 3));
            assertThat(resumed.receivedWithin(QUIET)).isEmpty();

            deliver(Topics.DEPLOY_COMPLETED, d);
            SseClient.Event live = resumed.next(TIMEOUT);
            assertThat(TestEvents.tree(live.data()).get("event")).isEqualTo(TestEvents.tree(d));
            assertThat(live.id()).isEqualTo(storedIds().get(3));
            assertThat(resumed.receivedWithin(QUIET)).isEmpty();
        }
    }

    @Test
    void resumesFromTheLastEventIdQueryParameterToo() {
        String a = TestEvents.sampleWithNewId(EventType.FAULT_DETECTED);
        String b = TestEvents.sampleWithNewId(EventType.INCIDENT_CREATED);
        deliver(Topics.FAULTS_DETECTED, a);
        deliver(Topics.INCIDENTS_CREATED, b);
        List<String> ids = storedIds();

        try (SseClient client = SseClient.connect(URI.create(stream + "?lastEventId=" + ids.get(0)))) {
            SseClient.Event event = client.next(TIMEOUT);
            assertThat(event.id()).isEqualTo(ids.get(1));
            assertThat(TestEvents.tree(event.data()).get("event")).isEqualTo(TestEvents.tree(b));
            assertThat(client.receivedWithin(QUIET)).isEmpty();
        }
    }

    @Test
    void sendsTheNewestEventsFirstWhenAskedForAReplay() {
        List<String> sent = new ArrayList<>();
        for (EventType type :
                List.of(EventType.FAULT_DETECTED, EventType.INCIDENT_CREATED, EventType.ANALYSIS_COMPLETED)) {
            String json = TestEvents.sampleWithNewId(type);
            deliver(type.topic(), json);
            sent.add(json);
        }

        try (SseClient client = SseClient.connect(URI.create(stream + "?replay=2"))) {
            List<SseClient.Event> replayed = client.next(2, TIMEOUT);
            assertThat(replayed)
                    .extracting(SseClient.Event::id)
                    .containsExactlyElementsOf(storedIds().subList(1, 3));
            assertThat(replayed)
                    .extracting(event -> TestEvents.tree(event.data()).get("event"))
                    .containsExactly(TestEvents.tree(sent.get(1)), TestEvents.tree(sent.get(2)));
            assertThat(client.receivedWithin(QUIET)).isEmpty();
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("malformedRecords")
    void nacksAMalformedRecordAndDeliversTheNextGoodOne(String kind, String record, String reason) {
        String good = TestEvents.sampleWithNewId(EventType.INCIDENT_CREATED);

        try (SseClient client = SseClient.connect(stream)) {
            Throwable nack = nackOf(Topics.INCIDENTS_CREATED, record);
            assertThat(nack).isInstanceOf(MalformedEventException.class).hasMessageContaining(reason);
            assertThat(FeedStream.entries(redis)).isEmpty();

            deliver(Topics.INCIDENTS_CREATED, good);
            SseClient.Event event = client.next(TIMEOUT);
            assertThat(TestEvents.tree(event.data()).get("event")).isEqualTo(TestEvents.tree(good));
            assertThat(client.receivedWithin(QUIET)).isEmpty();
        }
    }

    static Stream<Arguments> malformedRecords() {
        ObjectNode withoutTitle = TestEvents.sampleTree(EventType.INCIDENT_CREATED);
        withoutTitle.remove("title");
        ObjectNode oversized = TestEvents.sampleTree(EventType.INCIDENT_CREATED);
        ((ArrayNode) oversized.get("samples")).add("x".repeat(EventJson.MAX_EVENT_BYTES));

        return Stream.of(
                Arguments.of("broken JSON", "{\"eventId\": \"9e3b8f61-0d7c", "unreadable IncidentCreated"),
                Arguments.of("missing field", withoutTitle.toString(), "missing required field 'title'"),
                Arguments.of("oversized", oversized.toString(), "exceeds the limit"),
                Arguments.of(
                        "another topic's event", Samples.json(EventType.FAULT_DETECTED), "invalid IncidentCreated: "));
    }

    @Test
    void escapesMarkupInEventTextSoThatNoTagReachesTheBrowser() {
        IncidentCreated hostile = TestEvents.incidentCreated("checkout: <script>alert(1)</script> & more");

        try (SseClient client = SseClient.connect(stream)) {
            deliver(Topics.INCIDENTS_CREATED, EventJson.write(hostile));

            SseClient.Event event = client.next(TIMEOUT);
            assertThat(event.data())
                    .doesNotContain("<", ">", "&")
                    .contains("\"title\":\"checkout: \\u003cscript\\u003ealert(1)\\u003c/script\\u003e \\u0026 more\"");
            JsonNode received = TestEvents.tree(event.data()).get("event");
            assertThat(EventJson.read(received.toString(), IncidentCreated.class))
                    .isEqualTo(hostile);
        }
    }

    @Test
    void refusesAMalformedLastEventIdOrReplayCount() {
        given().header("Authorization", TestTokens.bearer(TestTokens.VIEWER))
                .header("Last-Event-ID", "<script>")
                .when()
                .get(stream)
                .then()
                .statusCode(400)
                .body("error", equalTo("Last-Event-ID: not a stream id: expected <milliseconds>-<sequence>"));
        given().header("Authorization", TestTokens.bearer(TestTokens.VIEWER))
                .queryParam("replay", "-1")
                .when()
                .get(stream)
                .then()
                .statusCode(400)
                .body("error", equalTo("replay: expected a whole number from 0 to 1000"));
        given().header("Authorization", TestTokens.bearer(TestTokens.VIEWER))
                .queryParam("replay", "1001")
                .when()
                .get(stream)
                .then()
                .statusCode(400)
                .body("error", equalTo("replay: expected a whole number from 0 to 1000"));
    }

    @Test
    void countsFannedOutEventsAndOpenConnections() {
        double before = metric("dashboard_events_fanned_out_total{topic=\"deploy.requested\"}");

        try (SseClient client = SseClient.connect(stream)) {
            assertThat(metric("dashboard_sse_connections")).isEqualTo(1.0);
            deliver(Topics.DEPLOY_REQUESTED, TestEvents.sampleWithNewId(EventType.DEPLOY_REQUESTED));
            client.next(TIMEOUT);
            assertThat(metric("dashboard_events_fanned_out_total{topic=\"deploy.requested\"}"))
                    .isEqualTo(before + 1);
        }
        await().atMost(TIMEOUT).until(() -> metric("dashboard_sse_connections") == 0.0);
    }

    /** Sends a record into the topic's channel and waits until the service has acknowledged it. */
    private void deliver(String topic, String json) {
        Deliveries.deliver(channels, topic, json);
    }

    /** Sends a record into the topic's channel and returns the reason the service nacked it with. */
    private Throwable nackOf(String topic, String json) {
        return Deliveries.refusal(channels, topic, json);
    }

    private List<String> storedIds() {
        return FeedStream.entries(redis).stream().map(StreamMessage::id).toList();
    }

    private static double metric(String series) {
        String metrics = given().when()
                .get("/q/metrics")
                .then()
                .statusCode(200)
                .extract()
                .asString();
        return metrics.lines()
                .filter(line -> line.startsWith(series + " "))
                .mapToDouble(line -> Double.parseDouble(line.substring(series.length() + 1)))
                .findFirst()
                .orElseThrow(() -> new AssertionError("no metric " + series));
    }
}
