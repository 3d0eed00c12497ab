package io.autorecovery.patch;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.autorecovery.contracts.AnalysisCompleted;
import io.autorecovery.contracts.EventJson;
import io.autorecovery.contracts.EventType;
import io.autorecovery.contracts.FaultClass;
import io.autorecovery.contracts.PatchOutcome;
import io.autorecovery.contracts.PatchProposed;
import io.autorecovery.contracts.Samples;
import io.autorecovery.contracts.Topics;
import io.autorecovery.outbox.OutboxRelay;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.smallrye.reactive.messaging.kafka.api.OutgoingKafkaRecordMetadata;
import io.smallrye.reactive.messaging.memory.InMemoryConnector;
import io.smallrye.reactive.messaging.memory.InMemorySink;
import jakarta.enterprise.inject.Any;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicReference;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** An analysis in, the exact patch proposal out, on in-memory channels and the real patch database. */
@QuarkusTest
@QuarkusTestResource(value = PatchChannels.class, restrictToAnnotatedClass = true)
class PatchWriterComponentTest {

    @Inject
    @Any
    InMemoryConnector connector;

    private InMemorySink<String> relayed;

    @BeforeEach
    void clearSink() {
        relayed = connector.sink(OutboxRelay.CHANNEL);
        relayed.clear();
    }

    @Test
    void anAnalysisWithARecipeBecomesAProposedPatch() {
        AnalysisCompleted analysis = analysis("checkout", FaultClass.DB_POOL_EXHAUSTED);

        connector.source(Topics.ANALYSIS_COMPLETED).send(EventJson.write(analysis));

        Message<String> message = awaitMessages(1).get(0);
        PatchProposed patch = EventJson.read(message.getPayload(), PatchProposed.class);
        assertThat(patch)
                .isEqualTo(new PatchProposed(
                        patch.eventId(),
                        patch.occurredAt(),
                        1,
                        analysis.incidentId(),
                        patch.patchId(),
                        "checkout",
                        FaultClass.DB_POOL_EXHAUSTED,
                        PatchOutcome.PROPOSED,
                        "Double the database connection pool: db.pool.max-size 10 -> 20",
                        null,
                        null,
                        null,
                        "--- a/config/application.properties\n+++ b/config/application.properties\n@@ -1 +1 @@\n"
                                + "-db.pool.max-size=10\n+db.pool.max-size=20\n",
                        false,
                        false));
        OutgoingKafkaRecordMetadata<?> kafka =
                message.getMetadata(OutgoingKafkaRecordMetadata.class).orElseThrow();
        assertThat(kafka.getTopic()).isEqualTo(Topics.PATCH_PROPOSED);
        assertThat(kafka.getKey()).isEqualTo(analysis.incidentId().toString());
        given().get("/patches/incident/{id}", analysis.incidentId())
                .then()
                .statusCode(200)
                .body("id", org.hamcrest.Matchers.equalTo(patch.patchId().toString()));
    }

    @Test
    void aPatchToCredentialHandlingWaitsForAPersonByDefault() {
        AnalysisCompleted analysis = analysis("checkout", FaultClass.AUTH_FAILURE);

        connector.source(Topics.ANALYSIS_COMPLETED).send(EventJson.write(analysis));

        PatchProposed patch = EventJson.read(awaitMessages(1).get(0).getPayload(), PatchProposed.class);
        assertThat(patch.outcome()).isEqualTo(PatchOutcome.PROPOSED);
        assertThat(patch.faultClass()).isEqualTo(FaultClass.AUTH_FAILURE);
        assertThat(patch.approvalRequired()).isTrue();
    }

    @Test
    void aFaultClassWithoutRecipeGetsNoSafePatch() {
        AnalysisCompleted analysis = analysis("checkout", FaultClass.UNKNOWN);

        connector.source(Topics.ANALYSIS_COMPLETED).send(EventJson.write(analysis));

        PatchProposed patch = EventJson.read(awaitMessages(1).get(0).getPayload(), PatchProposed.class);
        assertThat(patch.outcome()).isEqualTo(PatchOutcome.NO_SAFE_PATCH);
        assertThat(patch.summary()).isEqualTo("No safe patch: no recipe covers fault class 'unknown'");
        assertThat(patch.diff()).isNull();
        assertThat(patch.approvalRequired()).isTrue();
    }

    @Test
    void aSecondAnalysisOfTheSameIncidentProposesNothingNew() {
        AnalysisCompleted analysis = analysis("checkout", FaultClass.DEADLOCK);
        connector.source(Topics.ANALYSIS_COMPLETED).send(EventJson.write(analysis));
        awaitMessages(1);

        connector
                .source(Topics.ANALYSIS_COMPLETED)
                .send(EventJson.write(Samples.with(
                        EventType.ANALYSIS_COMPLETED,
                        AnalysisCompleted.class,
                        Map.of("incidentId", analysis.incidentId(), "faultClass", FaultClass.DEADLOCK))));

        await().during(Duration.ofSeconds(1))
                .atMost(Duration.ofSeconds(3))
                .until(() -> relayed.received().size() == 1);
    }

    @Test
    void theHourlyBudgetOfAServiceStopsFurtherPatches() {
        String service = "budget-" + UUID.randomUUID();
        for (int i = 0; i < 30; i++) {
            connector.source(Topics.ANALYSIS_COMPLETED).send(EventJson.write(analysis(service, FaultClass.DISK_FULL)));
        }
        awaitMessages(30);

        connector.source(Topics.ANALYSIS_COMPLETED).send(EventJson.write(analysis(service, FaultClass.DISK_FULL)));

        PatchProposed patch = EventJson.read(awaitMessages(31).get(30).getPayload(), PatchProposed.class);
        assertThat(patch.outcome()).isEqualTo(PatchOutcome.NO_SAFE_PATCH);
        assertThat(patch.summary())
                .isEqualTo("No safe patch: the budget of 30 patches per hour for " + service + " is spent");
    }

    @Test
    void aMalformedRecordIsRefusedAndTheNextOneIsStillHandled() {
        AtomicReference<Throwable> refusal = new AtomicReference<>();
        connector
                .source(Topics.ANALYSIS_COMPLETED)
                .send(Message.of("{\"confidence\": 7}").withNack(failure -> {
                    refusal.set(failure);
                    return CompletableFuture.completedFuture(null);
                }));

        connector
                .source(Topics.ANALYSIS_COMPLETED)
                .send(EventJson.write(analysis("checkout", FaultClass.AUTH_FAILURE)));

        awaitMessages(1);
        assertThat(refusal.get()).hasMessageStartingWith("invalid AnalysisCompleted");
    }

    private List<? extends Message<String>> awaitMessages(int count) {
        await().atMost(Duration.ofSeconds(20)).until(() -> relayed.received().size() == count);
        return relayed.received();
    }

    private static AnalysisCompleted analysis(String service, FaultClass faultClass) {
        return Samples.with(
                EventType.ANALYSIS_COMPLETED,
                AnalysisCompleted.class,
                Map.of("incidentId", UUID.randomUUID(), "service", service, "faultClass", faultClass));
    }
}
