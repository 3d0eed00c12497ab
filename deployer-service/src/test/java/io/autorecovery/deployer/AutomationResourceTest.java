package io.autorecovery.deployer;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;

import io.autorecovery.contracts.DeployAction;
import io.autorecovery.contracts.DeployRequested;
import io.autorecovery.contracts.EventJson;
import io.autorecovery.contracts.EventType;
import io.autorecovery.contracts.PatchOutcome;
import io.autorecovery.contracts.PatchProposed;
import io.autorecovery.contracts.Samples;
import io.autorecovery.contracts.Topics;
import io.autorecovery.outbox.OutboxRelay;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.smallrye.reactive.messaging.memory.InMemoryConnector;
import io.smallrye.reactive.messaging.memory.InMemorySink;
import jakarta.enterprise.inject.Any;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The runtime pause switch: who may turn it, what the gate does while paused and on resume. */
@QuarkusTest
@QuarkusTestResource(value = DeployerChannels.class, restrictToAnnotatedClass = true)
class AutomationResourceTest {

    private static final String OPERATOR = "Bearer test-deployer-operator-0001";

    @Inject
    @Any
    InMemoryConnector connector;

    @Inject
    HeldPatches held;

    @Inject
    DeployGate gate;

    private InMemorySink<String> relayed;

    @BeforeEach
    void clearSink() {
        relayed = connector.sink(OutboxRelay.CHANNEL);
        relayed.clear();
    }

    @AfterEach
    void resume() {
        QuarkusTransaction.requiringNew().run(() -> gate.turnAutomation(false, "test", "clean up"));
    }

    @Test
    void turningTheSwitchWithoutAnOperatorTokenIsRefused() {
        given().contentType("application/json")
                .body("{\"paused\": true}")
                .post("/automation")
                .then()
                .statusCode(401)
                .contentType("application/problem+json")
                .header("WWW-Authenticate", "Bearer realm=\"deployer-service\"");
        given().contentType("application/json")
                .header("Authorization", "Bearer not-a-known-token-at-all")
                .body("{\"paused\": true}")
                .post("/automation")
                .then()
                .statusCode(401);

        given().get("/automation").then().statusCode(200).body("paused", equalTo(false));
    }

    @Test
    void aChangeWithoutThePositionIsABadRequest() {
        given().contentType("application/json")
                .header("Authorization", OPERATOR)
                .body("{\"reason\": \"no position\"}")
                .post("/automation")
                .then()
                .statusCode(400);
    }

    @Test
    void whilePausedAPatchWaitsAndResumingReleasesItAsADeployCommand() {
        given().contentType("application/json")
                .header("Authorization", OPERATOR)
                .body("{\"paused\": true, \"onBehalfOf\": \"ada\", \"reason\": \"release freeze\"}")
                .post("/automation")
                .then()
                .statusCode(200)
                .body("paused", equalTo(true))
                .body("switchedOff", equalTo(true))
                .body("pausedByConfig", equalTo(false))
                .body("changedBy", equalTo("ada (via olga)"))
                .body("reason", equalTo("release freeze"));
        PatchProposed patch = patch();

        connector.source(Topics.PATCH_PROPOSED).send(EventJson.write(patch));

        await().atMost(Duration.ofSeconds(10))
                .until(() ->
                        inTransaction(() -> held.statusOf(patch.incidentId())).equals(Optional.of("HELD")));
        assertThat(relayed.received()).isEmpty();

        given().contentType("application/json")
                .header("Authorization", OPERATOR)
                .body("{\"paused\": false}")
                .post("/automation")
                .then()
                .statusCode(200)
                .body("paused", equalTo(false))
                .body("changedBy", equalTo("olga"))
                .body("reason", equalTo(""));

        await().atMost(Duration.ofSeconds(10)).until(() -> relayed.received().size() == 1);
        DeployRequested request = EventJson.read(relayed.received().get(0).getPayload(), DeployRequested.class);
        assertThat(request)
                .isEqualTo(new DeployRequested(
                        request.eventId(),
                        request.occurredAt(),
                        1,
                        request.deploymentId(),
                        patch.incidentId(),
                        patch.service(),
                        DeployAction.ROLL_OUT,
                        patch.commitSha(),
                        null,
                        "deployer-gate",
                        "patch " + patch.patchId() + " released when olga resumed automation"));
        assertThat(inTransaction(() -> held.statusOf(patch.incidentId()))).contains(HeldPatch.RELEASED);
        given().get("/automation").then().statusCode(200).body("paused", equalTo(false));
    }

    private static PatchProposed patch() {
        return Samples.with(
                EventType.PATCH_PROPOSED,
                PatchProposed.class,
                Map.of(
                        "incidentId",
                        UUID.randomUUID(),
                        "patchId",
                        UUID.randomUUID(),
                        "service",
                        "checkout-" + UUID.randomUUID(),
                        "outcome",
                        PatchOutcome.PROPOSED,
                        "approvalRequired",
                        false));
    }

    private static <T> T inTransaction(java.util.concurrent.Callable<T> work) {
        return QuarkusTransaction.requiringNew().call(work);
    }
}
