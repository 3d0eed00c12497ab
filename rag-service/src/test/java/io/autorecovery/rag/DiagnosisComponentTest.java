package io.autorecovery.rag;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.autorecovery.contracts.AnalysisCompleted;
import io.autorecovery.contracts.DeployCompleted;
import io.autorecovery.contracts.EventJson;
import io.autorecovery.contracts.EventType;
import io.autorecovery.contracts.Evidence;
import io.autorecovery.contracts.FaultClass;
import io.autorecovery.contracts.IncidentCreated;
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

/** An incident in, its exact analysis out, on in-memory channels and the real knowledge database. */
@QuarkusTest
@QuarkusTestResource(value = RagChannels.class, restrictToAnnotatedClass = true)
class DiagnosisComponentTest {

    private static final String POOL_ROOT_CAUSE =
            "Every connection of the pool is in use, so requests wait for one until the pool timeout.";
    private static final String POOL_REMEDIATION =
            "Raise the pool size within the database connection limit and make sure every path releases"
                    + " its connection.";

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
    void aNewIncidentIsDiagnosedFromTheRunbookOfItsFaultClass() {
        IncidentCreated incident = incident(UUID.randomUUID().toString(), FaultClass.DB_POOL_EXHAUSTED);

        connector.source(Topics.INCIDENTS_CREATED).send(EventJson.write(incident));

        Message<String> message = awaitMessages(1).get(0);
        AnalysisCompleted analysis = EventJson.read(message.getPayload(), AnalysisCompleted.class);
        assertThat(analysis)
                .isEqualTo(new AnalysisCompleted(
                        analysis.eventId(),
                        analysis.occurredAt(),
                        1,
                        incident.incidentId(),
                        incident.fingerprint(),
                        "checkout",
                        FaultClass.DB_POOL_EXHAUSTED,
                        POOL_ROOT_CAUSE,
                        POOL_REMEDIATION,
                        0.55,
                        "retrieval",
                        List.of(new Evidence(
                                "runbook", "runbooks/db-pool-exhausted", "Connection pool exhausted", 1.0)),
                        List.of()));
        OutgoingKafkaRecordMetadata<?> kafka =
                message.getMetadata(OutgoingKafkaRecordMetadata.class).orElseThrow();
        assertThat(kafka.getTopic()).isEqualTo(Topics.ANALYSIS_COMPLETED);
        assertThat(kafka.getKey()).isEqualTo(incident.incidentId().toString());
        given().get("/analyses/{id}", incident.incidentId())
                .then()
                .statusCode(200)
                .body("rootCause", org.hamcrest.Matchers.equalTo(POOL_ROOT_CAUSE));
    }

    @Test
    void aVerifiedFixOfTheSameFingerprintRaisesConfidence() {
        String fingerprint = UUID.randomUUID().toString();
        IncidentCreated first = incident(fingerprint, FaultClass.DEADLOCK);
        connector.source(Topics.INCIDENTS_CREATED).send(EventJson.write(first));
        awaitMessages(1);
        connector.source(Topics.DEPLOY_COMPLETED).send(EventJson.write(verifiedFix(first.incidentId())));
        IncidentCreated second = incident(fingerprint, FaultClass.DEADLOCK);

        connector.source(Topics.INCIDENTS_CREATED).send(EventJson.write(second));

        AnalysisCompleted analysis = EventJson.read(awaitMessages(2).get(1).getPayload(), AnalysisCompleted.class);
        assertThat(analysis.confidence()).isEqualTo(0.70, org.assertj.core.api.Assertions.within(1e-9));
        assertThat(analysis.similarIncidents()).containsExactly(first.incidentId());
        assertThat(analysis.evidence())
                .contains(new Evidence(
                        "incident", "incidents/" + first.incidentId(), "same fingerprint, fix verified", 0.9));
    }

    @Test
    void aFaultClassWithoutRunbookIsEscalatedWithLowConfidence() {
        IncidentCreated incident = incident(UUID.randomUUID().toString(), FaultClass.UNKNOWN);

        connector.source(Topics.INCIDENTS_CREATED).send(EventJson.write(incident));

        AnalysisCompleted analysis = EventJson.read(awaitMessages(1).get(0).getPayload(), AnalysisCompleted.class);
        assertThat(analysis.rootCause()).isEqualTo("No runbook covers fault class 'unknown' yet.");
        assertThat(analysis.remediation())
                .isEqualTo("Escalate to the owner of checkout and write a runbook for this fault.");
        assertThat(analysis.confidence()).isEqualTo(0.15);
        assertThat(analysis.evidence()).isEmpty();
    }

    @Test
    void aMalformedRecordIsRefusedAndTheNextOneIsStillHandled() {
        AtomicReference<Throwable> refusal = new AtomicReference<>();
        connector.source(Topics.INCIDENTS_CREATED).send(Message.of("[1, 2").withNack(failure -> {
            refusal.set(failure);
            return CompletableFuture.completedFuture(null);
        }));

        connector
                .source(Topics.INCIDENTS_CREATED)
                .send(EventJson.write(incident(UUID.randomUUID().toString(), FaultClass.DISK_FULL)));

        awaitMessages(1);
        assertThat(refusal.get()).hasMessageStartingWith("unreadable IncidentCreated");
    }

    private List<? extends Message<String>> awaitMessages(int count) {
        await().atMost(Duration.ofSeconds(10)).until(() -> relayed.received().size() == count);
        return relayed.received();
    }

    private static IncidentCreated incident(String fingerprint, FaultClass faultClass) {
        return Samples.with(
                EventType.INCIDENT_CREATED,
                IncidentCreated.class,
                Map.of("incidentId", UUID.randomUUID(), "fingerprint", fingerprint, "faultClass", faultClass));
    }

    private static DeployCompleted verifiedFix(UUID incidentId) {
        return Samples.with(
                EventType.DEPLOY_COMPLETED,
                DeployCompleted.class,
                Map.of("deploymentId", UUID.randomUUID(), "incidentId", incidentId, "dryRun", false));
    }
}
