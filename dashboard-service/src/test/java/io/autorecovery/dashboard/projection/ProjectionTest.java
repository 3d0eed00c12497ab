package io.autorecovery.dashboard.projection;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.autorecovery.contracts.EventJson;
import io.autorecovery.contracts.EventType;
import io.autorecovery.contracts.Samples;
import io.autorecovery.contracts.Topics;
import io.autorecovery.dashboard.support.Deliveries;
import io.autorecovery.dashboard.support.FeedStream;
import io.autorecovery.dashboard.support.InMemoryChannels;
import io.autorecovery.dashboard.support.TestEvents;
import io.autorecovery.dashboard.support.TestTokens;
import io.quarkus.redis.datasource.RedisDataSource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.smallrye.reactive.messaging.memory.InMemoryConnector;
import jakarta.enterprise.inject.Any;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Every pipeline topic folded into the incident board, the detail, the figures and the deploys. */
@QuarkusTest
@TestProfile(InMemoryChannels.class)
class ProjectionTest {

    /** The contract samples tell one story in this order: fault, incident, ..., resolution. */
    private static final List<EventType> STORY = List.of(
            EventType.FAULT_DETECTED,
            EventType.INCIDENT_CREATED,
            EventType.ANALYSIS_COMPLETED,
            EventType.PATCH_PROPOSED,
            EventType.DEPLOY_REQUESTED,
            EventType.DEPLOY_COMPLETED,
            EventType.INCIDENT_UPDATED);

    @Inject
    @Any
    InMemoryConnector channels;

    @Inject
    RedisDataSource redis;

    private String incidentId;
    private String fingerprint;
    private String deploymentId;

    @BeforeEach
    void startClean() {
        FeedStream.clear(redis);
        incidentId = UUID.randomUUID().toString();
        fingerprint = UUID.randomUUID().toString().substring(0, 16);
        deploymentId = UUID.randomUUID().toString();
    }

    @Test
    void theBoardListsTheIncidentWithItsStatusAndTheTimeOfEveryStage() {
        tellTheStory();

        JsonNode board = get("/api/incidents");

        assertThat(board).hasSize(1);
        assertThat(board.get(0)).isEqualTo(TestEvents.tree("""
                        {"id": "%s", "fingerprint": "%s", "service": "checkout",
                         "title": "checkout: Timed out after <NUM>ms waiting for a connection from pool <QUOTED>",
                         "faultClass": "db-pool-exhausted", "severity": "HIGH", "status": "RESOLVED",
                         "occurrences": 4,
                         "firstSeen": "2026-11-30T09:14:02.118Z", "openedAt": "2026-11-30T09:14:03.210Z",
                         "analysedAt": "2026-11-30T09:14:04.450Z", "proposedAt": "2026-11-30T09:14:09.900Z",
                         "deployRequestedAt": "2026-11-30T09:14:10.120Z",
                         "deployedAt": "2026-11-30T09:16:39.870Z", "resolvedAt": "2026-11-30T09:16:40.001Z",
                         "updatedAt": "%s", "patchOutcome": "PROPOSED",
                         "pullRequestUrl": "https://github.com/example/checkout/pull/42",
                         "deployOutcome": "SUCCEEDED"}
                        """.formatted(
                        incidentId, fingerprint, board.get(0).get("updatedAt").asText())));
    }

    @Test
    void theDetailHoldsEveryStageOfTheStoryInOrderWithItsDocuments() {
        List<String> sent = tellTheStory();

        JsonNode detail = get("/api/incidents/" + incidentId);

        List<String> topics = new ArrayList<>();
        List<JsonNode> events = new ArrayList<>();
        detail.get("timeline").forEach(entry -> {
            topics.add(entry.get("topic").asText());
            events.add(entry.get("event"));
        });
        assertThat(topics)
                .containsExactlyElementsOf(STORY.stream().map(EventType::topic).toList());
        assertThat(events)
                .containsExactlyElementsOf(sent.stream().map(TestEvents::tree).toList());
        assertThat(detail.get("analysis")).isEqualTo(TestEvents.tree(sent.get(2)));
        assertThat(detail.get("patch")).isEqualTo(TestEvents.tree(sent.get(3)));
        assertThat(detail.get("deploy")).isEqualTo(TestEvents.tree(sent.get(5)));
        assertThat(detail.get("status").asText()).isEqualTo("RESOLVED");
    }

    @Test
    void theFiguresCountStagesAndAverageTheTimesToDetectProposeAndResolve() {
        tellTheStory();

        JsonNode stats = get("/api/stats");

        assertThat(stats.get("stages")).isEqualTo(TestEvents.tree("""
                        {"analysis.completed": 1, "deploy.completed": 1, "deploy.requested": 1,
                         "faults.detected": 1, "incidents.created": 1, "incidents.updated": 1,
                         "patch.proposed": 1}
                        """));
        assertThat(stats.get("statuses")).isEqualTo(TestEvents.tree("{\"RESOLVED\": 1}"));
        String means = """
                {"detect": {"count": 1, "meanMs": 1092}, "propose": {"count": 1, "meanMs": 6690},
                 "resolve": {"count": 1, "meanMs": 156791}}
                """;
        assertThat(stats.get("durations"))
                .isEqualTo(TestEvents.tree(
                        "{\"overall\": %s, \"perService\": {\"checkout\": %s}}".formatted(means, means)));
        assertThat(stats.get("openedPerHour")).hasSize(24);
    }

    @Test
    void recentDeploysPairTheRequestWithItsOutcome() {
        List<String> sent = tellTheStory();

        JsonNode deploys = get("/api/deploys");

        ObjectNode expected = EventJson.mapper().createObjectNode();
        expected.put("deploymentId", deploymentId);
        expected.set("requested", TestEvents.tree(sent.get(4)));
        expected.set("completed", TestEvents.tree(sent.get(5)));
        assertThat(deploys).containsExactly(expected);
    }

    @Test
    void aRedeliveredEventChangesNoFigureTwice() {
        List<String> sent = tellTheStory();

        Deliveries.deliver(channels, Topics.INCIDENTS_UPDATED, sent.get(6));
        Deliveries.deliver(channels, Topics.PATCH_PROPOSED, sent.get(3));

        assertThat(get("/api/stats").get("stages").get("patch.proposed").asInt())
                .isEqualTo(1);
        assertThat(get("/api/incidents/" + incidentId).get("timeline")).hasSize(STORY.size());
    }

    @Test
    void malformedAndOversizedRecordsAreRefusedAndLeaveTheViewsAsTheyWere() {
        tellTheStory();

        String oversized = Samples.json(EventType.INCIDENT_UPDATED)
                .replace("\"reason\": \"", "\"reason\": \"" + "x".repeat(2_000_000));
        for (String topic : List.of(Topics.INCIDENTS_UPDATED, Topics.PATCH_PROPOSED)) {
            assertThat(Deliveries.refusal(channels, topic, "{\"incidentId\": \"" + incidentId + "\""))
                    .isNotNull();
            assertThat(Deliveries.refusal(channels, topic, "[]")).isNotNull();
        }
        assertThat(Deliveries.refusal(channels, Topics.INCIDENTS_UPDATED, oversized))
                .isNotNull();

        assertThat(get("/api/incidents/" + incidentId).get("timeline")).hasSize(STORY.size());
        assertThat(get("/api/stats").get("stages").get("incidents.updated").asInt())
                .isEqualTo(1);
    }

    @Test
    void markupInEventTextIsKeptAsPlainTextInTheViews() {
        String title = "<script>alert('x')</script><img src=x onerror=alert(1)>";
        ObjectNode created = storyTree(EventType.INCIDENT_CREATED);
        created.put("title", title);

        Deliveries.deliver(channels, Topics.INCIDENTS_CREATED, created.toString());

        assertThat(get("/api/incidents").get(0).get("title").asText()).isEqualTo(title);
    }

    @Test
    void anUnknownIncidentOrAMalformedIdIsNotFound() {
        given().header("Authorization", TestTokens.bearer(TestTokens.VIEWER))
                .get("/api/incidents/" + UUID.randomUUID())
                .then()
                .statusCode(404);
        given().header("Authorization", TestTokens.bearer(TestTokens.VIEWER))
                .get("/api/incidents/not-an-id")
                .then()
                .statusCode(404);
    }

    /** Delivers the samples' story for this test's incident; returns the JSON sent, in order. */
    private List<String> tellTheStory() {
        List<String> sent = new ArrayList<>();
        for (EventType type : STORY) {
            String json = story(type);
            Deliveries.deliver(channels, type.topic(), json);
            sent.add(json);
        }
        return sent;
    }

    private String story(EventType type) {
        return storyTree(type).toString();
    }

    private ObjectNode storyTree(EventType type) {
        ObjectNode event = TestEvents.sampleTree(type);
        event.put("eventId", UUID.randomUUID().toString());
        if (event.has("incidentId")) {
            event.put("incidentId", incidentId);
        }
        if (event.has("fingerprint")) {
            event.put("fingerprint", fingerprint);
        }
        if (event.has("deploymentId")) {
            event.put("deploymentId", deploymentId);
        }
        return event;
    }

    private static JsonNode get(String path) {
        return TestEvents.tree(given().header("Authorization", TestTokens.bearer(TestTokens.VIEWER))
                .get(path)
                .then()
                .statusCode(200)
                .extract()
                .asString());
    }
}
