package io.autorecovery.incident;

import static io.autorecovery.contracts.IncidentStatus.ANALYZED;
import static io.autorecovery.contracts.IncidentStatus.ANALYZING;
import static io.autorecovery.contracts.IncidentStatus.AWAITING_APPROVAL;
import static io.autorecovery.contracts.IncidentStatus.DEPLOYING;
import static io.autorecovery.contracts.IncidentStatus.DETECTED;
import static io.autorecovery.contracts.IncidentStatus.FAILED;
import static io.autorecovery.contracts.IncidentStatus.NEEDS_HUMAN;
import static io.autorecovery.contracts.IncidentStatus.PATCH_PROPOSED;
import static io.autorecovery.contracts.IncidentStatus.RESOLVED;
import static io.autorecovery.contracts.IncidentStatus.VERIFYING;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;

import io.autorecovery.contracts.EventJson;
import io.autorecovery.contracts.FaultDetected;
import io.autorecovery.contracts.IncidentCreated;
import io.autorecovery.contracts.IncidentStatus;
import io.autorecovery.contracts.IncidentUpdated;
import io.autorecovery.contracts.MeshEvent;
import io.autorecovery.contracts.PatchOutcome;
import io.autorecovery.contracts.Topics;
import io.autorecovery.contracts.Verification;
import io.autorecovery.incident.messaging.DeadLetters;
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
import org.eclipse.microprofile.reactive.messaging.Message;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Pipeline events in, the exact incident events out, on in-memory channels and the real database. */
@QuarkusTest
@QuarkusTestResource(value = IncidentChannels.class, restrictToAnnotatedClass = true)
class IncidentLifecycleComponentTest {

    private static final Duration TIMEOUT = Duration.ofSeconds(10);

    @Inject
    @Any
    InMemoryConnector connector;

    private InMemorySink<String> relayed;
    private InMemorySink<String> deadLetters;

    @BeforeEach
    void clearSinks() {
        relayed = connector.sink(OutboxRelay.CHANNEL);
        relayed.clear();
        deadLetters = connector.sink(DeadLetters.CHANNEL);
        deadLetters.clear();
    }

    @Test
    void aNewFingerprintOpensAnIncidentAndHandsItToAnalysis() {
        FaultDetected fault = PipelineEvents.fault(UUID.randomUUID().toString());

        sendFaults(fault);

        List<? extends Message<String>> messages = awaitMessages(2);
        IncidentCreated created = EventJson.read(messages.get(0).getPayload(), IncidentCreated.class);
        assertThat(created)
                .isEqualTo(new IncidentCreated(
                        created.eventId(),
                        created.occurredAt(),
                        1,
                        created.incidentId(),
                        fault.fingerprint(),
                        "checkout",
                        "checkout: Timed out after <NUM>ms waiting for a connection from pool <QUOTED>",
                        fault.faultClass(),
                        fault.severity(),
                        DETECTED,
                        1,
                        fault.firstSeen(),
                        fault.lastSeen(),
                        fault.samples()));
        assertKafkaRecord(
                messages.get(0), Topics.INCIDENTS_CREATED, created.incidentId().toString());
        IncidentUpdated analyzing = EventJson.read(messages.get(1).getPayload(), IncidentUpdated.class);
        assertThat(analyzing)
                .isEqualTo(new IncidentUpdated(
                        analyzing.eventId(),
                        analyzing.occurredAt(),
                        1,
                        created.incidentId(),
                        fault.fingerprint(),
                        "checkout",
                        DETECTED,
                        ANALYZING,
                        1,
                        "handed to analysis on incidents.created",
                        "incident-service",
                        null));
        assertKafkaRecord(
                messages.get(1), Topics.INCIDENTS_UPDATED, created.incidentId().toString());
        Api.asViewer()
                .get("/incidents/{id}", created.incidentId())
                .then()
                .statusCode(200)
                .body("incident.status", equalTo("ANALYZING"))
                .body("timeline.event", contains(Topics.FAULTS_DETECTED, Topics.INCIDENTS_CREATED))
                .body("timeline.status", contains("DETECTED", "ANALYZING"))
                .body("timeline[1].eventId", equalTo(created.eventId().toString()));
    }

    @Test
    void aRedeliveredFaultChangesNothingTwice() {
        FaultDetected fault = PipelineEvents.fault(UUID.randomUUID().toString());

        sendFaults(fault);
        awaitMessages(2);
        sendFaults(fault);
        sendFaults(fault, fault);

        await().during(Duration.ofSeconds(1))
                .atMost(Duration.ofSeconds(3))
                .until(() -> relayed.received().size() == 2);
    }

    @Test
    void aRecurringFingerprintCountsOnTheOpenIncident() {
        String fingerprint = UUID.randomUUID().toString();
        UUID incidentId = open(fingerprint);

        sendFaults(PipelineEvents.fault(fingerprint));

        IncidentUpdated updated = EventJson.read(awaitMessages(1).get(0).getPayload(), IncidentUpdated.class);
        assertThat(updated)
                .isEqualTo(new IncidentUpdated(
                        updated.eventId(),
                        updated.occurredAt(),
                        1,
                        incidentId,
                        fingerprint,
                        "checkout",
                        ANALYZING,
                        ANALYZING,
                        2,
                        "fault occurred again",
                        "detector-service",
                        null));
    }

    @Test
    void faultsOfOneFingerprintInOneBatchOpenOneIncidentAndCountEveryFault() {
        String fingerprint = UUID.randomUUID().toString();
        FaultDetected last = PipelineEvents.fault(fingerprint);

        sendFaults(PipelineEvents.fault(fingerprint), PipelineEvents.fault(fingerprint), last);

        List<? extends Message<String>> messages = awaitMessages(3);
        UUID incidentId = EventJson.read(messages.get(0).getPayload(), IncidentCreated.class)
                .incidentId();
        IncidentUpdated counted = EventJson.read(messages.get(2).getPayload(), IncidentUpdated.class);
        assertThat(counted)
                .isEqualTo(new IncidentUpdated(
                        counted.eventId(),
                        counted.occurredAt(),
                        1,
                        incidentId,
                        fingerprint,
                        "checkout",
                        ANALYZING,
                        ANALYZING,
                        3,
                        "fault occurred again (2x)",
                        "detector-service",
                        null));
        Api.asViewer()
                .get("/incidents/{id}", incidentId)
                .then()
                .body("incident.occurrences", equalTo(3))
                .body("timeline[-1].eventId", equalTo(last.eventId().toString()));
    }

    @Test
    void anIncidentHeldForApprovalMovesThroughEveryStageToAVerifiedResolution() {
        UUID incidentId = open(UUID.randomUUID().toString());

        send(PipelineEvents.analysis(incidentId));
        send(PipelineEvents.patch(incidentId, PatchOutcome.PROPOSED, true));
        send(PipelineEvents.deployRequested(incidentId));
        send(PipelineEvents.rolledOut(incidentId, false, PipelineEvents.faultGone()));

        assertThat(statusChanges(awaitMessages(6)))
                .containsExactly(
                        List.of(ANALYZING, ANALYZED),
                        List.of(ANALYZED, PATCH_PROPOSED),
                        List.of(PATCH_PROPOSED, AWAITING_APPROVAL),
                        List.of(AWAITING_APPROVAL, DEPLOYING),
                        List.of(DEPLOYING, VERIFYING),
                        List.of(VERIFYING, RESOLVED));
        Api.asViewer()
                .get("/incidents/{id}", incidentId)
                .then()
                .body("incident.status", equalTo("RESOLVED"))
                .body(
                        "timeline.status",
                        contains(
                                "DETECTED",
                                "ANALYZING",
                                "ANALYZED",
                                "PATCH_PROPOSED",
                                "AWAITING_APPROVAL",
                                "DEPLOYING",
                                "VERIFYING",
                                "RESOLVED"))
                .body(
                        "timeline[-1].detail",
                        equalTo("verified: the fault did not return within 120 s after the rollout"));
    }

    @Test
    void aRolloutWithoutFiguresStaysVerifyingAndFailsWhenTheFaultIsStillThere() {
        UUID incidentId = throughDeploy(UUID.randomUUID().toString());

        send(PipelineEvents.rolledOut(incidentId, false, null));
        IncidentUpdated verifying = EventJson.read(awaitMessages(1).get(0).getPayload(), IncidentUpdated.class);
        assertThat(verifying.status()).isEqualTo(VERIFYING);
        assertThat(verifying.reason()).endsWith("; verification pending");
        relayed.clear();

        send(PipelineEvents.rolledOut(incidentId, false, new Verification(300, 4, false)));

        IncidentUpdated failed = EventJson.read(awaitMessages(1).get(0).getPayload(), IncidentUpdated.class);
        assertThat(List.of(failed.previousStatus(), failed.status())).containsExactly(VERIFYING, FAILED);
        assertThat(failed.reason())
                .isEqualTo("verification failed: the fault occurred 4 times within 300 s after the rollout");
    }

    @Test
    void aDryRunHasNothingToWatchAndResolvesThroughVerifying() {
        UUID incidentId = throughDeploy(UUID.randomUUID().toString());

        send(PipelineEvents.rolledOut(incidentId, true, null));

        assertThat(statusChanges(awaitMessages(2)))
                .containsExactly(List.of(DEPLOYING, VERIFYING), List.of(VERIFYING, RESOLVED));
    }

    @Test
    void noSafePatchHandsTheIncidentToAPerson() {
        UUID incidentId = open(UUID.randomUUID().toString());
        send(PipelineEvents.analysis(incidentId));

        send(PipelineEvents.patch(incidentId, PatchOutcome.NO_SAFE_PATCH, false));

        assertThat(statusChanges(awaitMessages(2)))
                .containsExactly(List.of(ANALYZING, ANALYZED), List.of(ANALYZED, NEEDS_HUMAN));
    }

    @Test
    void aLateEventFromAnEarlierStageIsRefusedAndRecorded() {
        UUID incidentId = throughDeploy(UUID.randomUUID().toString());
        send(PipelineEvents.rolledOut(incidentId, false, PipelineEvents.faultGone()));
        awaitMessages(2);

        send(PipelineEvents.analysis(incidentId));

        await().during(Duration.ofSeconds(1))
                .atMost(Duration.ofSeconds(3))
                .until(() -> relayed.received().size() == 2);
        Api.asViewer()
                .get("/incidents/{id}", incidentId)
                .then()
                .statusCode(200)
                .body("incident.status", equalTo("RESOLVED"))
                .body("timeline[-1].event", equalTo(Topics.ANALYSIS_COMPLETED))
                .body("timeline[-1].status", equalTo("RESOLVED"))
                .body(
                        "timeline[-1].rejectedBecause",
                        equalTo("RESOLVED cannot move to ANALYZED; it may move to [REOPENED]"));
    }

    @Test
    void anUnreadableRecordInABatchIsDeadLetteredAloneAndTheOthersCount() {
        String fingerprint = UUID.randomUUID().toString();
        String garbage = "{\"fingerprint\": 42";

        connector
                .source(Topics.FAULTS_DETECTED)
                .send(List.of(
                        EventJson.write(PipelineEvents.fault(fingerprint)),
                        garbage,
                        EventJson.write(PipelineEvents.fault(fingerprint))));

        List<? extends Message<String>> messages = awaitMessages(3);
        assertThat(EventJson.read(messages.get(2).getPayload(), IncidentUpdated.class)
                        .occurrences())
                .isEqualTo(2);
        await().atMost(TIMEOUT).until(() -> deadLetters.received().size() == 1);
        Message<String> dead = deadLetters.received().get(0);
        assertThat(dead.getPayload()).isEqualTo(garbage);
        assertThat(header(dead, "dead-letter-reason")).startsWith("unreadable FaultDetected");
        assertThat(header(dead, "dead-letter-topic")).isEqualTo(Topics.FAULTS_DETECTED);
    }

    @Test
    void aFaultTheStoreRefusesIsDeadLetteredAloneAndTheOthersCount() {
        FaultDetected good = PipelineEvents.fault(UUID.randomUUID().toString());
        String refused = EventJson.write(PipelineEvents.fault("nul-\u0000-" + UUID.randomUUID()));

        connector.source(Topics.FAULTS_DETECTED).send(List.of(refused, EventJson.write(good)));

        List<? extends Message<String>> messages = awaitMessages(2);
        assertThat(EventJson.read(messages.get(0).getPayload(), IncidentCreated.class)
                        .fingerprint())
                .isEqualTo(good.fingerprint());
        await().atMost(TIMEOUT).until(() -> deadLetters.received().size() == 1);
        Message<String> dead = deadLetters.received().get(0);
        assertThat(dead.getPayload()).isEqualTo(refused);
        assertThat(header(dead, "dead-letter-reason")).startsWith("cannot be handled: ");
    }

    @Test
    void anUnknownIncidentIdReturns404() {
        Api.asViewer().get("/incidents/{id}", UUID.randomUUID()).then().statusCode(404);
        Api.asViewer().get("/incidents/not-a-uuid").then().statusCode(404);
    }

    private UUID open(String fingerprint) {
        sendFaults(PipelineEvents.fault(fingerprint));
        UUID incidentId = EventJson.read(awaitMessages(2).get(0).getPayload(), IncidentCreated.class)
                .incidentId();
        relayed.clear();
        return incidentId;
    }

    private UUID throughDeploy(String fingerprint) {
        UUID incidentId = open(fingerprint);
        send(PipelineEvents.analysis(incidentId));
        send(PipelineEvents.patch(incidentId, PatchOutcome.PROPOSED, false));
        send(PipelineEvents.deployRequested(incidentId));
        awaitMessages(3);
        relayed.clear();
        return incidentId;
    }

    private void sendFaults(FaultDetected... faults) {
        connector
                .source(Topics.FAULTS_DETECTED)
                .send(List.of(faults).stream().map(EventJson::write).toList());
    }

    private void send(MeshEvent event) {
        connector.source(io.autorecovery.contracts.EventType.of(event).topic()).send(EventJson.write(event));
    }

    private List<? extends Message<String>> awaitMessages(int count) {
        await().atMost(TIMEOUT).until(() -> relayed.received().size() >= count);
        assertThat(relayed.received()).hasSize(count);
        return relayed.received();
    }

    private static List<List<IncidentStatus>> statusChanges(List<? extends Message<String>> messages) {
        return messages.stream()
                .map(message -> EventJson.read(message.getPayload(), IncidentUpdated.class))
                .map(updated -> List.of(updated.previousStatus(), updated.status()))
                .toList();
    }

    @SuppressWarnings("unchecked")
    private static String header(Message<String> message, String name) {
        OutgoingKafkaRecordMetadata<String> metadata =
                message.getMetadata(OutgoingKafkaRecordMetadata.class).orElseThrow();
        return new String(metadata.getHeaders().lastHeader(name).value());
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
