package io.autorecovery.incident;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.nullValue;
import static org.hamcrest.Matchers.startsWith;

import io.autorecovery.contracts.EventJson;
import io.autorecovery.contracts.EventType;
import io.autorecovery.contracts.FaultDetected;
import io.autorecovery.contracts.IncidentAction;
import io.autorecovery.contracts.IncidentCreated;
import io.autorecovery.contracts.IncidentStatus;
import io.autorecovery.contracts.IncidentUpdated;
import io.autorecovery.contracts.PatchProposed;
import io.autorecovery.contracts.Samples;
import io.autorecovery.contracts.Severity;
import io.autorecovery.outbox.OutboxRelay;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.ValidatableResponse;
import io.smallrye.reactive.messaging.memory.InMemoryConnector;
import io.smallrye.reactive.messaging.memory.InMemorySink;
import jakarta.enterprise.inject.Any;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The incident API over HTTP: tokens, search and pages, problem details, and people's actions. */
@QuarkusTest
@QuarkusTestResource(value = IncidentChannels.class, restrictToAnnotatedClass = true)
class IncidentApiTest {

    private static final String PROBLEM = "application/problem+json";

    @Inject
    @Any
    InMemoryConnector connector;

    @Inject
    IncidentLifecycle lifecycle;

    private InMemorySink<String> relayed;

    @BeforeEach
    void clearSink() {
        relayed = connector.sink(OutboxRelay.CHANNEL);
        relayed.clear();
    }

    @Test
    void readingTakesATokenAndActingTakesAnOperatorToken() {
        UUID id = open(UUID.randomUUID().toString(), "auth-" + UUID.randomUUID(), Severity.HIGH);

        given().get("/incidents/{id}", id)
                .then()
                .statusCode(401)
                .contentType(PROBLEM)
                .header("WWW-Authenticate", startsWith("Bearer"))
                .body("detail", equalTo("a bearer token is required"));
        given().auth()
                .oauth2("not-a-known-token-at-all")
                .get("/incidents")
                .then()
                .statusCode(401);
        Api.asViewer().get("/incidents/{id}", id).then().statusCode(200);
        Api.asViewer()
                .contentType("application/json")
                .body("{\"text\": \"looking\"}")
                .post("/incidents/{id}/notes", id)
                .then()
                .statusCode(403)
                .contentType(PROBLEM)
                .body("status", equalTo(403));
        given().get("/q/health/ready").then().statusCode(200);
        given().queryParam("format", "json")
                .get("/q/openapi")
                .then()
                .statusCode(200)
                .body("components.securitySchemes.bearer.scheme", equalTo("bearer"))
                .body(
                        "paths.'/incidents/{id}/approve'.post.responses.'409'.description",
                        equalTo("no patch awaits approval"));
    }

    @Test
    void filtersSearchAndSortSelectExactlyTheMatchingIncidents() {
        String service = "search-" + UUID.randomUUID();
        UUID low = open("fp-low-" + UUID.randomUUID(), service, Severity.LOW);
        UUID high = open("fp-high-" + UUID.randomUUID(), service, Severity.HIGH);
        UUID other = open("fp-other-" + UUID.randomUUID(), "elsewhere-" + UUID.randomUUID(), Severity.HIGH);

        Api.asViewer()
                .queryParam("service", service)
                .get("/incidents")
                .then()
                .statusCode(200)
                .body("items.id", contains(high.toString(), low.toString()))
                .body("nextCursor", nullValue());
        Api.asViewer()
                .queryParam("service", service)
                .queryParam("severity", "high")
                .queryParam("status", "ANALYZING")
                .get("/incidents")
                .then()
                .body("items.id", contains(high.toString()));
        Api.asViewer()
                .queryParam("q", "FP-OTHER")
                .queryParam("sort", "createdAt")
                .get("/incidents")
                .then()
                .body("items.id", hasSize(1))
                .body("items[0].id", equalTo(other.toString()));
        Api.asViewer()
                .queryParam("service", service)
                .queryParam("sort", "createdAt")
                .get("/incidents")
                .then()
                .body("items.id", contains(low.toString(), high.toString()));
        Api.asViewer()
                .queryParam("service", service)
                .queryParam("status", "RESOLVED")
                .get("/incidents")
                .then()
                .body("items", hasSize(0));
    }

    @Test
    void cursorPagesWalkEveryIncidentOnceInOrder() {
        String service = "pages-" + UUID.randomUUID();
        List<String> opened = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            opened.add(
                    0,
                    open("fp-page-" + UUID.randomUUID(), service, Severity.MEDIUM)
                            .toString());
        }

        List<String> seen = new ArrayList<>();
        String cursor = null;
        int pages = 0;
        do {
            var request = Api.asViewer().queryParam("service", service).queryParam("limit", 2);
            if (cursor != null) {
                request.queryParam("cursor", cursor);
            }
            var page = request.get("/incidents").then().statusCode(200).extract();
            seen.addAll(page.jsonPath().getList("items.id", String.class));
            cursor = page.jsonPath().getString("nextCursor");
            pages++;
        } while (cursor != null && pages < 10);

        assertThat(seen).isEqualTo(opened);
        assertThat(pages).isEqualTo(3);
    }

    @Test
    void badInputGetsProblemDetailsAndNeverAServerError() {
        badRequest(Api.asViewer().queryParam("limit", 100000).get("/incidents"), "limit must be");
        badRequest(Api.asViewer().queryParam("limit", "ten").get("/incidents"), "limit must be");
        badRequest(Api.asViewer().queryParam("status", "DETECTED' OR 1=1 --").get("/incidents"), "status must be");
        badRequest(Api.asViewer().queryParam("sort", "id; DROP TABLE incidents").get("/incidents"), "sort must be");
        badRequest(Api.asViewer().queryParam("cursor", "bm90LWEtY3Vyc29y").get("/incidents"), "the cursor");
        badRequest(Api.asViewer().queryParam("cursor", "%%%").get("/incidents"), "the cursor");
        badRequest(Api.asViewer().queryParam("from", "yesterday").get("/incidents"), "from must be");
        badRequest(Api.asViewer().queryParam("q", "x".repeat(500)).get("/incidents"), "q is longer");
        String newestCursor = new PageCursor(IncidentSort.NEWEST, "2026-01-01T00:00:00Z", UUID.randomUUID()).encode();
        badRequest(
                Api.asViewer()
                        .queryParam("sort", "-occurrences")
                        .queryParam("cursor", newestCursor)
                        .get("/incidents"),
                "the cursor belongs to another sort");
        Api.asViewer()
                .queryParam("q", "%' OR '1'='1")
                .get("/incidents")
                .then()
                .statusCode(200)
                .body("items", hasSize(0));
        Api.asViewer()
                .get("/incidents/{id}", UUID.randomUUID())
                .then()
                .statusCode(404)
                .contentType(PROBLEM);
        Api.asOperator()
                .body("{\"text\": \"hello\"}")
                .post("/incidents/{id}/notes", UUID.randomUUID())
                .then()
                .statusCode(404)
                .contentType(PROBLEM)
                .body("detail", startsWith("no incident "));
        UUID id = open(UUID.randomUUID().toString(), "bad-input", Severity.LOW);
        badRequest(Api.asOperator().body("{\"reason\": ").post("/incidents/{id}/resolve", id), "the request body");
        Api.asOperator()
                .body("{\"reason\": \"\"}")
                .post("/incidents/{id}/resolve", id)
                .then()
                .statusCode(400)
                .contentType(PROBLEM)
                .body("errors", contains("reason: must not be blank"));
        Api.asOperator()
                .body("{\"text\": \"" + "n".repeat(3000) + "\"}")
                .post("/incidents/{id}/notes", id)
                .then()
                .statusCode(400)
                .contentType(PROBLEM);
    }

    @Test
    void approvingAHeldPatchIsWrittenUnderThePersonsNameAndAnnounced() {
        UUID id = open(UUID.randomUUID().toString(), "approve-" + UUID.randomUUID(), Severity.HIGH);
        holdPatchForApproval(id);
        relayed.clear();

        Api.asOperator()
                .body("{\"comment\": \"diff reviewed\"}")
                .post("/incidents/{id}/approve", id)
                .then()
                .statusCode(200)
                .body("incident.status", equalTo("AWAITING_APPROVAL"))
                .body("timeline[-1].event", equalTo("approved"))
                .body("timeline[-1].actor", equalTo(Api.OPERATOR))
                .body("timeline[-1].detail", equalTo("approved: diff reviewed"));

        IncidentUpdated approved = awaitUpdate();
        assertThat(approved)
                .isEqualTo(new IncidentUpdated(
                        approved.eventId(),
                        approved.occurredAt(),
                        1,
                        id,
                        approved.fingerprint(),
                        approved.service(),
                        IncidentStatus.AWAITING_APPROVAL,
                        IncidentStatus.AWAITING_APPROVAL,
                        1,
                        "approved: diff reviewed",
                        Api.OPERATOR,
                        IncidentAction.APPROVED));
    }

    @Test
    void rejectingAHeldPatchHandsTheIncidentToAPerson() {
        UUID id = open(UUID.randomUUID().toString(), "reject-" + UUID.randomUUID(), Severity.HIGH);
        holdPatchForApproval(id);
        relayed.clear();

        Api.asOperator()
                .body("{\"reason\": \"touches the wrong pool\"}")
                .post("/incidents/{id}/reject", id)
                .then()
                .statusCode(200)
                .body("incident.status", equalTo("NEEDS_HUMAN"));

        IncidentUpdated rejected = awaitUpdate();
        assertThat(rejected.action()).isEqualTo(IncidentAction.REJECTED);
        assertThat(rejected.previousStatus()).isEqualTo(IncidentStatus.AWAITING_APPROVAL);
        assertThat(rejected.reason()).isEqualTo("rejected: touches the wrong pool");
    }

    @Test
    void anActionTheStatusDoesNotAllowAnswers409AndIsKeptAsRefused() {
        UUID id = open(UUID.randomUUID().toString(), "refuse-" + UUID.randomUUID(), Severity.LOW);

        Api.asOperator()
                .body("{}")
                .post("/incidents/{id}/approve", id)
                .then()
                .statusCode(409)
                .contentType(PROBLEM)
                .body("detail", equalTo("no patch awaits approval: the incident is ANALYZING"));

        Api.asViewer()
                .get("/incidents/{id}", id)
                .then()
                .body("incident.status", equalTo("ANALYZING"))
                .body("timeline[-1].event", equalTo("approved"))
                .body("timeline[-1].actor", equalTo(Api.OPERATOR))
                .body("timeline[-1].rejectedBecause", equalTo("no patch awaits approval: the incident is ANALYZING"));
        assertThat(relayed.received()).isEmpty();
    }

    @Test
    void acknowledgeNoteResolveAndReopenEachReachTheTimelineAndTheTopic() {
        UUID id = open(UUID.randomUUID().toString(), "actions-" + UUID.randomUUID(), Severity.CRITICAL);

        Api.asOperator()
                .body("{}")
                .post("/incidents/{id}/acknowledge", id)
                .then()
                .statusCode(200);
        Api.asOperator()
                .body("{\"text\": \"pool graphs attached\"}")
                .post("/incidents/{id}/notes", id)
                .then()
                .statusCode(200);
        Api.asOperator()
                .body("{\"reason\": \"fixed by config push\"}")
                .post("/incidents/{id}/resolve", id)
                .then()
                .statusCode(200)
                .body("incident.status", equalTo("RESOLVED"));
        Api.asOperator()
                .body("{\"reason\": \"resolved\"}")
                .post("/incidents/{id}/resolve", id)
                .then()
                .statusCode(409);
        ValidatableResponse reopened = Api.asOperator()
                .body("{\"reason\": \"still failing\"}")
                .post("/incidents/{id}/reopen", id)
                .then()
                .statusCode(200)
                .body("incident.status", equalTo("REOPENED"));

        List<Object> resolutionIds = reopened.extract()
                .jsonPath()
                .getList("timeline.findAll { it.status == 'RESOLVED' && it.rejectedBecause == null }.id");
        reopened.body("timeline[-1].follows", equalTo(resolutionIds.get(0)));
        await().atMost(Duration.ofSeconds(10)).until(() -> relayed.received().size() == 4);
        List<IncidentAction> actions = relayed.received().stream()
                .map(message -> EventJson.read(message.getPayload(), IncidentUpdated.class)
                        .action())
                .toList();
        assertThat(actions)
                .containsExactly(
                        IncidentAction.ACKNOWLEDGED,
                        IncidentAction.NOTE,
                        IncidentAction.RESOLVED,
                        IncidentAction.REOPENED);
    }

    private void holdPatchForApproval(UUID id) {
        String json = Samples.json(EventType.PATCH_PROPOSED)
                .replace("c1a7e2d4-8b3f-4f6a-9c5e-1d2b3a4f5e60", id.toString())
                .replaceFirst("\"eventId\": \"[0-9a-f-]+\"", "\"eventId\": \"" + UUID.randomUUID() + "\"")
                .replace("\"approvalRequired\": false", "\"approvalRequired\": true");
        String analysis = Samples.json(EventType.ANALYSIS_COMPLETED)
                .replace("c1a7e2d4-8b3f-4f6a-9c5e-1d2b3a4f5e60", id.toString())
                .replaceFirst("\"eventId\": \"[0-9a-f-]+\"", "\"eventId\": \"" + UUID.randomUUID() + "\"");
        QuarkusTransaction.requiringNew()
                .run(() -> lifecycle.onAnalysis(
                        EventJson.read(analysis, io.autorecovery.contracts.AnalysisCompleted.class)));
        QuarkusTransaction.requiringNew().run(() -> lifecycle.onPatch(EventJson.read(json, PatchProposed.class)));
        await().atMost(Duration.ofSeconds(10)).until(() -> relayed.received().size() == 3);
        Api.asViewer().get("/incidents/{id}", id).then().body("incident.status", equalTo("AWAITING_APPROVAL"));
    }

    private UUID open(String fingerprint, String service, Severity severity) {
        FaultDetected fault = PipelineEvents.fault(fingerprint, service, severity);
        int before = relayed.received().size();
        QuarkusTransaction.requiringNew().run(() -> lifecycle.onFault(fault));
        // the incident is announced, then handed to analysis
        await().atMost(Duration.ofSeconds(10)).until(() -> relayed.received().size() >= before + 2);
        UUID id = EventJson.read(relayed.received().get(before).getPayload(), IncidentCreated.class)
                .incidentId();
        relayed.clear();
        return id;
    }

    private IncidentUpdated awaitUpdate() {
        await().atMost(Duration.ofSeconds(10)).until(() -> relayed.received().size() == 1);
        return EventJson.read(relayed.received().get(0).getPayload(), IncidentUpdated.class);
    }

    private static void badRequest(io.restassured.response.Response response, String detailStart) {
        response.then()
                .statusCode(400)
                .contentType(PROBLEM)
                .body("status", equalTo(400))
                .body("detail", startsWith(detailStart));
    }
}
