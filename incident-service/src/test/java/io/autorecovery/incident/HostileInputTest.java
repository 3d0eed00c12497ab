package io.autorecovery.incident;

import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.startsWith;

import io.autorecovery.contracts.FaultDetected;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Hostile and careless input to the incident API: every request gets a 4xx with problem details,
 * never a server error, and the store is left as it was.
 */
@QuarkusTest
@QuarkusTestResource(value = IncidentChannels.class, restrictToAnnotatedClass = true)
class HostileInputTest {

    private static final String PROBLEM = "application/problem+json";

    @Inject
    IncidentLifecycle lifecycle;

    private UUID incidentId;
    private String service;

    @BeforeEach
    void openIncident() {
        service = "hostile-" + UUID.randomUUID();
        FaultDetected fault = PipelineEvents.fault("hostile-" + UUID.randomUUID(), service);
        QuarkusTransaction.requiringNew().run(() -> lifecycle.onFault(fault));
        incidentId = Api.asViewer()
                .queryParam("service", service)
                .get("/incidents")
                .then()
                .statusCode(200)
                .extract()
                .jsonPath()
                .getUUID("items[0].id");
    }

    @Test
    void aBodyOverTheSizeLimitAnswers413AsProblemDetails() {
        String note = "{\"text\": \"" + "x".repeat(70 * 1024) + "\"}";

        Api.asOperator()
                .body(note)
                .post("/incidents/{id}/notes", incidentId)
                .then()
                .statusCode(413)
                .contentType(PROBLEM)
                .body("status", equalTo(413))
                .body("detail", startsWith("the request body is larger than"));
        assertTimelineLength(2);
    }

    @Test
    void sqlInFiltersAndSearchIsDataNotCode() {
        Api.asViewer()
                .queryParam("q", "' OR '1'='1' --")
                .get("/incidents")
                .then()
                .statusCode(200)
                .body("items", hasSize(0));
        Api.asViewer()
                .queryParam("service", service + "' OR 1=1 --")
                .get("/incidents")
                .then()
                .statusCode(200)
                .body("items", hasSize(0));
        Api.asViewer()
                .queryParam("q", "%")
                .queryParam("service", service)
                .get("/incidents")
                .then()
                .statusCode(200)
                .body("items", hasSize(0));
        badRequest(
                Api.asViewer()
                        .queryParam("severity", "HIGH; DELETE FROM incidents")
                        .get("/incidents"),
                "severity");
        badRequest(Api.asViewer().queryParam("sort", "created_at DESC; --").get("/incidents"), "sort must be");
        Api.asViewer().queryParam("service", service).get("/incidents").then().body("items", hasSize(1));
    }

    @Test
    void pageSizesOutsideTheRangeAreRefused() {
        for (String limit : new String[] {"0", "-1", "201", "99999999999999999999", "1e3", "NaN"}) {
            badRequest(Api.asViewer().queryParam("limit", limit).get("/incidents"), "limit must be");
        }
    }

    @Test
    void cursorsNotIssuedByTheServiceAreRefused() {
        String[] forged = {
            encode("-createdAt\n+1000000000-01-01T00:00:00Z\n" + UUID.randomUUID()),
            encode("-createdAt\n2026-01-01T00:00:00Z\nnot-a-uuid"),
            encode("-createdAt\n2026-01-01T00:00:00Z"),
            encode("-occurrences\n99999999999999999999\n" + UUID.randomUUID()),
            "!!!not base64!!!",
            "A".repeat(1000)
        };
        for (String cursor : forged) {
            String sort = cursor.startsWith(encode("-occ").substring(0, 4)) ? "-occurrences" : "-createdAt";
            badRequest(
                    Api.asViewer()
                            .queryParam("cursor", cursor)
                            .queryParam("sort", sort)
                            .get("/incidents"),
                    "the cursor");
        }
    }

    @Test
    void unknownStatusesAndSeveritiesAreRefused() {
        badRequest(Api.asViewer().queryParam("status", "OPEN").get("/incidents"), "status must be one of");
        badRequest(Api.asViewer().queryParam("status", "DETECTED,RESOLVED").get("/incidents"), "status must be one of");
        badRequest(Api.asViewer().queryParam("severity", "urgent").get("/incidents"), "severity must be one of");
    }

    @Test
    void timeRangesThatCannotBeAreRefused() {
        badRequest(
                Api.asViewer()
                        .queryParam("from", "2026-12-02T00:00:00Z")
                        .queryParam("to", "2026-12-01T00:00:00Z")
                        .get("/incidents"),
                "from must be before to");
        badRequest(
                Api.asViewer().queryParam("from", "+1000000000-01-01T00:00:00Z").get("/incidents"), "from must");
        badRequest(Api.asViewer().queryParam("to", "-5000-01-01T00:00:00Z").get("/incidents"), "to must");
        badRequest(Api.asViewer().queryParam("from", "2026-13-45T99:00:00Z").get("/incidents"), "from must");
    }

    @Test
    void controlCharactersThatTheStoreCannotHoldAreRefused() {
        badRequest(Api.asViewer().queryParam("q", "pool\u0000").get("/incidents"), "q must not contain");
        badRequest(Api.asViewer().queryParam("service", "a\u0000b").get("/incidents"), "service must not contain");
        Api.asOperator()
                .body("{\"text\": \"hello\\u0000world\"}")
                .post("/incidents/{id}/notes", incidentId)
                .then()
                .statusCode(400)
                .contentType(PROBLEM)
                .body("errors[0]", startsWith("text: "));
        assertTimelineLength(2);
    }

    @Test
    void bodiesThatAreNotTheExpectedJsonAreRefused() {
        String[] bodies = {
            "{\"reason\": ", "[]", "\"just a string\"", "{\"reason\": {\"nested\": true}}", "[".repeat(5000), "null", ""
        };
        for (String body : bodies) {
            Response response = Api.asOperator().body(body).post("/incidents/{id}/resolve", incidentId);
            response.then()
                    .statusCode(400)
                    .contentType(PROBLEM)
                    .body("status", equalTo(400))
                    .onFailMessage("body " + body.substring(0, Math.min(body.length(), 40)));
        }
        Api.asOperator()
                .contentType("text/plain")
                .body("resolve it")
                .post("/incidents/{id}/resolve", incidentId)
                .then()
                .statusCode(415)
                .contentType(PROBLEM);
        assertTimelineLength(2);
    }

    private void assertTimelineLength(int entries) {
        Api.asViewer().get("/incidents/{id}", incidentId).then().statusCode(200).body("timeline", hasSize(entries));
    }

    private static String encode(String plain) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(plain.getBytes(StandardCharsets.UTF_8));
    }

    private static void badRequest(Response response, String detailStart) {
        response.then()
                .statusCode(400)
                .contentType(PROBLEM)
                .body("status", equalTo(400))
                .body("detail", startsWith(detailStart));
    }
}
