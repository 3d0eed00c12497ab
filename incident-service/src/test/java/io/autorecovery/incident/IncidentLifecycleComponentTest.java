package io.autorecovery.incident;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.autorecovery.contracts.EventJson;
import io.autorecovery.contracts.EventType;
import io.autorecovery.contracts.FaultDetected;
import io.autorecovery.contracts.IncidentCreated;
import io.autorecovery.contracts.IncidentStatus;
import io.autorecovery.contracts.IncidentUpdated;
import io.autorecovery.contracts.MeshEvent;
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
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicReference;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** One pipeline event in, the exact incident event out, on in-memory channels and the real database. */
@QuarkusTest
@QuarkusTestResource(value = IncidentChannels.class, restrictToAnnotatedClass = true)
class IncidentLifecycleComponentTest {

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
    void aNewFingerprintOpensAnIncidentAndAnnouncesIt() {
        FaultDetected fault = faultWithFingerprint(UUID.randomUUID().toString());

        connector.source(Topics.FAULTS_DETECTED).send(EventJson.write(fault));

        Message<String> message = awaitOneMessage();
        IncidentCreated created = EventJson.read(message.getPayload(), IncidentCreated.class);
        IncidentCreated expected = new IncidentCreated(
                created.eventId(),
                created.occurredAt(),
                1,
                created.incidentId(),
                fault.fingerprint(),
                "checkout",
                "checkout: Timed out after <NUM>ms waiting for a connection from pool <QUOTED>",
                fault.faultClass(),
                fault.severity(),
                IncidentStatus.DETECTED,
                1,
                fault.firstSeen(),
                fault.lastSeen(),
                fault.samples());
        assertThat(created).isEqualTo(expected);
        assertKafkaRecord(
                message, Topics.INCIDENTS_CREATED, created.incidentId().toString());
        Api.asViewer()
                .get("/incidents/{id}", created.incidentId())
                .then()
                .statusCode(200)
                .body("incident.status", org.hamcrest.Matchers.equalTo("DETECTED"))
                .body("incident.fingerprint", org.hamcrest.Matchers.equalTo(fault.fingerprint()))
                .body("timeline.event", org.hamcrest.Matchers.contains(Topics.FAULTS_DETECTED));
    }

    @Test
    void aRedeliveredFaultChangesNothingTwice() {
        FaultDetected fault = faultWithFingerprint(UUID.randomUUID().toString());

        connector.source(Topics.FAULTS_DETECTED).send(EventJson.write(fault));
        awaitOneMessage();
        connector.source(Topics.FAULTS_DETECTED).send(EventJson.write(fault));

        await().during(Duration.ofSeconds(1))
                .atMost(Duration.ofSeconds(3))
                .until(() -> relayed.received().size() == 1);
    }

    @Test
    void aRecurringFingerprintCountsOnTheOpenIncident() {
        String fingerprint = UUID.randomUUID().toString();
        connector.source(Topics.FAULTS_DETECTED).send(EventJson.write(faultWithFingerprint(fingerprint)));
        IncidentCreated created = EventJson.read(awaitOneMessage().getPayload(), IncidentCreated.class);
        relayed.clear();

        connector.source(Topics.FAULTS_DETECTED).send(EventJson.write(faultWithFingerprint(fingerprint)));

        IncidentUpdated updated = EventJson.read(awaitOneMessage().getPayload(), IncidentUpdated.class);
        assertThat(updated)
                .isEqualTo(new IncidentUpdated(
                        updated.eventId(),
                        updated.occurredAt(),
                        1,
                        created.incidentId(),
                        fingerprint,
                        "checkout",
                        IncidentStatus.DETECTED,
                        IncidentStatus.DETECTED,
                        2,
                        "fault occurred again",
                        "detector-service",
                        null));
    }

    @Test
    void theIncidentMovesThroughEveryStageToResolved() {
        connector
                .source(Topics.FAULTS_DETECTED)
                .send(EventJson.write(faultWithFingerprint(UUID.randomUUID().toString())));
        UUID incidentId = EventJson.read(awaitOneMessage().getPayload(), IncidentCreated.class)
                .incidentId();

        send(Topics.ANALYSIS_COMPLETED, withIncident(EventType.ANALYSIS_COMPLETED, incidentId));
        send(Topics.PATCH_PROPOSED, withIncident(EventType.PATCH_PROPOSED, incidentId));
        send(Topics.DEPLOY_REQUESTED, withIncident(EventType.DEPLOY_REQUESTED, incidentId));
        send(Topics.DEPLOY_COMPLETED, withIncident(EventType.DEPLOY_COMPLETED, incidentId));

        await().atMost(Duration.ofSeconds(10)).until(() -> relayed.received().size() == 5);
        List<IncidentStatus> statuses = relayed.received().stream()
                .skip(1)
                .map(message -> EventJson.read(message.getPayload(), IncidentUpdated.class)
                        .status())
                .toList();
        assertThat(statuses)
                .containsExactly(
                        IncidentStatus.ANALYZED,
                        IncidentStatus.PATCH_PROPOSED,
                        IncidentStatus.DEPLOYING,
                        IncidentStatus.RESOLVED);
    }

    @Test
    void aLateEventFromAnEarlierStageDoesNotMoveTheIncidentBack() {
        connector
                .source(Topics.FAULTS_DETECTED)
                .send(EventJson.write(faultWithFingerprint(UUID.randomUUID().toString())));
        UUID incidentId = EventJson.read(awaitOneMessage().getPayload(), IncidentCreated.class)
                .incidentId();
        send(Topics.DEPLOY_COMPLETED, withIncident(EventType.DEPLOY_COMPLETED, incidentId));
        await().atMost(Duration.ofSeconds(10)).until(() -> relayed.received().size() == 2);

        send(Topics.ANALYSIS_COMPLETED, withIncident(EventType.ANALYSIS_COMPLETED, incidentId));

        await().during(Duration.ofSeconds(1))
                .atMost(Duration.ofSeconds(3))
                .until(() -> relayed.received().size() == 2);
        Api.asViewer()
                .get("/incidents/{id}", incidentId)
                .then()
                .statusCode(200)
                .body("incident.status", org.hamcrest.Matchers.equalTo("RESOLVED"))
                .body(
                        "timeline.event",
                        org.hamcrest.Matchers.contains(
                                Topics.FAULTS_DETECTED, Topics.DEPLOY_COMPLETED, Topics.ANALYSIS_COMPLETED));
    }

    @Test
    void aMalformedRecordIsRefusedAndTheNextOneIsStillHandled() {
        AtomicReference<Throwable> refusal = new AtomicReference<>();
        Message<String> malformed = Message.of("{\"fingerprint\": 42").withNack(failure -> {
            refusal.set(failure);
            return CompletableFuture.completedFuture(null);
        });

        connector.source(Topics.FAULTS_DETECTED).send(malformed);
        connector
                .source(Topics.FAULTS_DETECTED)
                .send(EventJson.write(faultWithFingerprint(UUID.randomUUID().toString())));

        awaitOneMessage();
        assertThat(refusal.get()).hasMessageStartingWith("unreadable FaultDetected");
    }

    @Test
    void anUnknownIncidentIdReturns404() {
        Api.asViewer().get("/incidents/{id}", UUID.randomUUID()).then().statusCode(404);
        Api.asViewer().get("/incidents/not-a-uuid").then().statusCode(404);
        Api.asViewer().queryParam("limit", 100000).get("/incidents").then().statusCode(400);
    }

    private void send(String topic, MeshEvent event) {
        connector.source(topic).send(EventJson.write(event));
    }

    private static MeshEvent withIncident(EventType type, UUID incidentId) {
        String json = Samples.json(type)
                .replace("c1a7e2d4-8b3f-4f6a-9c5e-1d2b3a4f5e60", incidentId.toString())
                .replaceFirst("\"eventId\": \"[0-9a-f-]+\"", "\"eventId\": \"" + UUID.randomUUID() + "\"");
        return EventJson.read(json, type.recordType());
    }

    private static FaultDetected faultWithFingerprint(String fingerprint) {
        FaultDetected sample = Samples.read(EventType.FAULT_DETECTED, FaultDetected.class);
        return new FaultDetected(
                UUID.randomUUID(),
                sample.occurredAt(),
                sample.version(),
                fingerprint,
                sample.service(),
                sample.faultClass(),
                sample.severity(),
                sample.trigger(),
                sample.template(),
                sample.samples(),
                sample.count(),
                sample.firstSeen(),
                sample.lastSeen(),
                sample.breadcrumbs());
    }

    private Message<String> awaitOneMessage() {
        await().atMost(Duration.ofSeconds(10)).until(() -> relayed.received().size() == 1);
        return relayed.received().get(0);
    }

    @SuppressWarnings("unchecked")
    private static void assertKafkaRecord(Message<String> message, String topic, String key) {
        OutgoingKafkaRecordMetadata<String> metadata =
                message.getMetadata(OutgoingKafkaRecordMetadata.class).orElseThrow();
        assertThat(metadata.getTopic()).isEqualTo(topic);
        assertThat(metadata.getKey()).isEqualTo(key);
        assertThat(new String(metadata.getHeaders().lastHeader("ce_type").value()))
                .isEqualTo("io.autorecovery." + topic + ".v1");
        assertThat(new String(metadata.getHeaders().lastHeader("ce_source").value()))
                .isEqualTo("/autorecovery/incident-service");
    }
}
