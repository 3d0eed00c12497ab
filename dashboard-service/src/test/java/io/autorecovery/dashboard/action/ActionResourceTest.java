package io.autorecovery.dashboard.action;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import io.autorecovery.dashboard.support.InMemoryChannels;
import io.autorecovery.dashboard.support.RecordingServices;
import io.autorecovery.dashboard.support.RecordingServices.Call;
import io.autorecovery.dashboard.support.TestEvents;
import io.autorecovery.dashboard.support.TestTokens;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Operators' actions relayed to the owning services with the dashboard's own tokens. */
@QuarkusTest
@TestProfile(InMemoryChannels.class)
class ActionResourceTest {

    private static final String INCIDENT = "c1a7e2d4-8b3f-4f6a-9c5e-1d2b3a4f5e60";
    private static final String OPERATOR = TestTokens.bearer(TestTokens.OPERATOR);

    @BeforeEach
    void reset() {
        RecordingServices.reset();
    }

    @Test
    void anApprovalGoesToTheIncidentServiceInTheOperatorsName() {
        RecordingServices.answerWith(200, "application/json", "{\"id\": \"" + INCIDENT + "\"}");

        given().contentType(ContentType.JSON)
                .header("Authorization", OPERATOR)
                .body("{\"text\": \"ship it\"}")
                .post("/api/incidents/" + INCIDENT + "/approve")
                .then()
                .statusCode(200)
                .body("id", equalTo(INCIDENT));

        assertThat(RecordingServices.calls())
                .containsExactly(new Call(
                        "POST",
                        "/incidents/" + INCIDENT + "/approve",
                        "Bearer " + RecordingServices.INCIDENT_TOKEN,
                        "{\"comment\":\"olga (dashboard): ship it\"}"));
    }

    @Test
    void rejectionAndResolutionCarryAReason() {
        for (String action : List.of("reject", "resolve")) {
            given().contentType(ContentType.JSON)
                    .header("Authorization", OPERATOR)
                    .body("{}")
                    .post("/api/incidents/" + INCIDENT + "/" + action)
                    .then()
                    .statusCode(200);
        }

        assertThat(RecordingServices.calls())
                .extracting(Call::path, Call::body)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple(
                                "/incidents/" + INCIDENT + "/reject", "{\"reason\":\"olga (dashboard): rejected\"}"),
                        org.assertj.core.groups.Tuple.tuple(
                                "/incidents/" + INCIDENT + "/resolve", "{\"reason\":\"olga (dashboard): resolved\"}"));
    }

    @Test
    void aRefusalOfTheOwningServiceReachesThePageAsItCame() {
        String problem = "{\"status\":409,\"title\":\"Conflict\","
                + "\"detail\":\"no patch awaits approval: the incident is RESOLVED\"}";
        RecordingServices.answerWith(409, "application/problem+json", problem);

        String body = given().contentType(ContentType.JSON)
                .header("Authorization", OPERATOR)
                .body("{}")
                .post("/api/incidents/" + INCIDENT + "/approve")
                .then()
                .statusCode(409)
                .contentType("application/problem+json")
                .extract()
                .asString();

        assertThat(TestEvents.tree(body)).isEqualTo(TestEvents.tree(problem));
    }

    @Test
    void pausingGoesToTheDeployerWithThePersonsName() {
        RecordingServices.answerWith(200, "application/json", "{\"paused\": true}");

        given().contentType(ContentType.JSON)
                .header("Authorization", OPERATOR)
                .body("{\"paused\": true, \"reason\": \"release freeze\"}")
                .post("/api/automation")
                .then()
                .statusCode(200)
                .body("paused", equalTo(true));
        given().header("Authorization", TestTokens.bearer(TestTokens.VIEWER))
                .get("/api/automation")
                .then()
                .statusCode(200);

        assertThat(RecordingServices.calls())
                .containsExactly(
                        new Call(
                                "POST",
                                "/automation",
                                "Bearer " + RecordingServices.DEPLOYER_TOKEN,
                                "{\"paused\":true,\"onBehalfOf\":\"olga\",\"reason\":\"release freeze\"}"),
                        new Call("GET", "/automation", "Bearer " + RecordingServices.DEPLOYER_TOKEN, ""));
    }

    @Test
    void badRequestsNeverReachTheOwningServices() {
        given().contentType(ContentType.JSON)
                .header("Authorization", OPERATOR)
                .body("{}")
                .post("/api/incidents/..%2F..%2Fautomation/approve")
                .then()
                .statusCode(org.hamcrest.Matchers.oneOf(400, 404));
        given().contentType(ContentType.JSON)
                .header("Authorization", OPERATOR)
                .body("{\"text\": \"" + "x".repeat(2001) + "\"}")
                .post("/api/incidents/" + INCIDENT + "/approve")
                .then()
                .statusCode(400);
        given().contentType(ContentType.JSON)
                .header("Authorization", OPERATOR)
                .body("{\"reason\": \"no position\"}")
                .post("/api/automation")
                .then()
                .statusCode(400);
        given().contentType(ContentType.JSON)
                .header("Authorization", TestTokens.bearer(TestTokens.VIEWER))
                .body("{\"paused\": false}")
                .post("/api/automation")
                .then()
                .statusCode(403);

        assertThat(RecordingServices.calls()).isEmpty();
    }
}
