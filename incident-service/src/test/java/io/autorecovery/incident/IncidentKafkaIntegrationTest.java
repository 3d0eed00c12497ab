package io.autorecovery.incident;

import static io.autorecovery.contracts.KafkaTestClient.header;
import static org.assertj.core.api.Assertions.assertThat;

import io.autorecovery.contracts.EventJson;
import io.autorecovery.contracts.FaultDetected;
import io.autorecovery.contracts.IncidentCreated;
import io.autorecovery.contracts.IncidentStatus;
import io.autorecovery.contracts.IncidentUpdated;
import io.autorecovery.contracts.KafkaTestClient;
import io.autorecovery.contracts.PatchOutcome;
import io.autorecovery.contracts.Topics;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The service on the real broker and the real database: topics in, topics out, dead letters aside. */
@QuarkusTest
class IncidentKafkaIntegrationTest {

    private static final Duration TIMEOUT = Duration.ofSeconds(30);
    private static KafkaTestClient kafka;

    @Inject
    IncidentRepository repository;

    @BeforeAll
    static void connect() {
        kafka = new KafkaTestClient();
    }

    @AfterAll
    static void disconnect() {
        kafka.close();
    }

    @Test
    void aFaultOnTheBrokerBecomesAnIncidentWithItsEventOnTheBroker() {
        FaultDetected fault = fault();

        kafka.send(fault, fault.fingerprint());

        ConsumerRecord<String, String> record = awaitCreated(fault);
        IncidentCreated created = EventJson.read(record.value(), IncidentCreated.class);
        assertThat(record.key()).isEqualTo(created.incidentId().toString());
        assertThat(header(record, "ce_id")).isEqualTo(created.eventId().toString());
        assertThat(header(record, "ce_type")).isEqualTo("io.autorecovery.incidents.created.v1");
        assertThat(header(record, "ce_subject")).isEqualTo(created.incidentId().toString());
        assertThat(storedIncident(created.incidentId()).status()).isEqualTo(IncidentStatus.ANALYZING);
    }

    @Test
    void everyStageOnTheBrokerIsAnnouncedOnIncidentsUpdatedInOrder() {
        FaultDetected fault = fault();
        kafka.send(fault, fault.fingerprint());
        UUID id = EventJson.read(awaitCreated(fault).value(), IncidentCreated.class)
                .incidentId();

        // Each stage answers the one before, as in the mesh; topics alone do not order them.
        kafka.send(PipelineEvents.analysis(id), id.toString());
        awaitUpdates(id, 2);
        kafka.send(PipelineEvents.patch(id, PatchOutcome.PROPOSED, true), id.toString());
        awaitUpdates(id, 4);
        kafka.send(PipelineEvents.deployRequested(id), "checkout");
        awaitUpdates(id, 5);
        kafka.send(PipelineEvents.rolledOut(id, false, PipelineEvents.faultGone()), "checkout");

        List<IncidentUpdated> updates = awaitUpdates(id, 7);
        assertThat(updates)
                .extracting(IncidentUpdated::status)
                .containsExactly(
                        IncidentStatus.ANALYZING,
                        IncidentStatus.ANALYZED,
                        IncidentStatus.PATCH_PROPOSED,
                        IncidentStatus.AWAITING_APPROVAL,
                        IncidentStatus.DEPLOYING,
                        IncidentStatus.VERIFYING,
                        IncidentStatus.RESOLVED);
        assertThat(updates)
                .extracting(IncidentUpdated::previousStatus)
                .containsExactly(
                        IncidentStatus.DETECTED,
                        IncidentStatus.ANALYZING,
                        IncidentStatus.ANALYZED,
                        IncidentStatus.PATCH_PROPOSED,
                        IncidentStatus.AWAITING_APPROVAL,
                        IncidentStatus.DEPLOYING,
                        IncidentStatus.VERIFYING);
        assertThat(storedIncident(id).status()).isEqualTo(IncidentStatus.RESOLVED);
    }

    @Test
    void malformedRecordsGoToTheDeadLetterTopicAndConsumptionGoesOn() {
        FaultDetected fault = fault();
        kafka.send(fault, fault.fingerprint());
        UUID id = EventJson.read(awaitCreated(fault).value(), IncidentCreated.class)
                .incidentId();
        String garbage = "{\"not an event\": " + UUID.randomUUID();

        kafka.send(Topics.ANALYSIS_COMPLETED, id.toString(), garbage);
        kafka.send(PipelineEvents.analysis(id), id.toString());

        ConsumerRecord<String, String> dead = kafka.awaitRecord(
                Topics.deadLetter(Topics.ANALYSIS_COMPLETED), r -> garbage.equals(r.value()), TIMEOUT);
        assertThat(header(dead, "dead-letter-reason")).startsWith("unreadable AnalysisCompleted");
        assertThat(awaitUpdates(id, 2))
                .extracting(IncidentUpdated::status)
                .containsExactly(IncidentStatus.ANALYZING, IncidentStatus.ANALYZED);
    }

    @Test
    void anUnreadableFaultAmongGoodOnesIsDeadLetteredAloneWithWhereItCameFrom() {
        FaultDetected first = fault();
        FaultDetected again = PipelineEvents.fault(first.fingerprint(), first.service());
        String garbage = "{\"fingerprint\": \"" + first.fingerprint() + "\", \"broken\": ";

        kafka.send(first, first.fingerprint());
        kafka.send(Topics.FAULTS_DETECTED, first.fingerprint(), garbage);
        kafka.send(again, again.fingerprint());

        ConsumerRecord<String, String> dead =
                kafka.awaitRecord(Topics.deadLetter(Topics.FAULTS_DETECTED), r -> garbage.equals(r.value()), TIMEOUT);
        assertThat(dead.key()).isEqualTo(first.fingerprint());
        assertThat(header(dead, "dead-letter-reason")).startsWith("unreadable FaultDetected");
        assertThat(header(dead, "dead-letter-topic")).isEqualTo(Topics.FAULTS_DETECTED);
        assertThat(header(dead, "dead-letter-offset")).matches("[0-9]+");
        UUID id = EventJson.read(awaitCreated(first).value(), IncidentCreated.class)
                .incidentId();
        org.awaitility.Awaitility.await()
                .atMost(TIMEOUT)
                .until(() -> storedIncident(id).occurrences() == 2);
    }

    Incident storedIncident(UUID id) {
        return QuarkusTransaction.requiringNew()
                .call(() -> repository.findById(id).orElseThrow());
    }

    private static ConsumerRecord<String, String> awaitCreated(FaultDetected fault) {
        return kafka.awaitRecord(Topics.INCIDENTS_CREATED, r -> r.value().contains(fault.fingerprint()), TIMEOUT);
    }

    /** The first {@code count} updates of the incident on the broker, in the order it holds them. */
    private static List<IncidentUpdated> awaitUpdates(UUID incidentId, int count) {
        List<IncidentUpdated> updates = new ArrayList<>();
        kafka.awaitRecord(
                Topics.INCIDENTS_UPDATED,
                record -> {
                    if (incidentId.toString().equals(record.key())) {
                        updates.add(EventJson.read(record.value(), IncidentUpdated.class));
                    }
                    return updates.size() == count;
                },
                TIMEOUT);
        return updates;
    }

    private static FaultDetected fault() {
        return PipelineEvents.fault("it-" + UUID.randomUUID(), "checkout-" + UUID.randomUUID());
    }
}
