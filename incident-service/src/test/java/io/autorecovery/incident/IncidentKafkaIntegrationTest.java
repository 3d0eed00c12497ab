package io.autorecovery.incident;

import static io.autorecovery.contracts.KafkaTestClient.header;
import static org.assertj.core.api.Assertions.assertThat;

import io.autorecovery.contracts.DeployCompleted;
import io.autorecovery.contracts.EventJson;
import io.autorecovery.contracts.EventType;
import io.autorecovery.contracts.FaultDetected;
import io.autorecovery.contracts.IncidentCreated;
import io.autorecovery.contracts.IncidentStatus;
import io.autorecovery.contracts.IncidentUpdated;
import io.autorecovery.contracts.KafkaTestClient;
import io.autorecovery.contracts.Samples;
import io.autorecovery.contracts.Topics;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.time.Duration;
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

        ConsumerRecord<String, String> record =
                kafka.awaitRecord(Topics.INCIDENTS_CREATED, r -> r.value().contains(fault.fingerprint()), TIMEOUT);
        IncidentCreated created = EventJson.read(record.value(), IncidentCreated.class);
        assertThat(record.key()).isEqualTo(created.incidentId().toString());
        assertThat(header(record, "ce_id")).isEqualTo(created.eventId().toString());
        assertThat(header(record, "ce_type")).isEqualTo("io.autorecovery.incidents.created.v1");
        assertThat(header(record, "ce_subject")).isEqualTo(created.incidentId().toString());
        assertThat(storedIncident(created.incidentId()).status()).isEqualTo(IncidentStatus.DETECTED);
    }

    @Test
    void malformedRecordsGoToTheDeadLetterTopicAndConsumptionGoesOn() {
        FaultDetected fault = fault();
        kafka.send(fault, fault.fingerprint());
        IncidentCreated created = EventJson.read(
                kafka.awaitRecord(Topics.INCIDENTS_CREATED, r -> r.value().contains(fault.fingerprint()), TIMEOUT)
                        .value(),
                IncidentCreated.class);
        String garbage = "{\"not an event\": " + UUID.randomUUID();

        kafka.send(Topics.DEPLOY_COMPLETED, "checkout", garbage);
        kafka.send(deployCompleted(created.incidentId()), "checkout");

        ConsumerRecord<String, String> dead =
                kafka.awaitRecord(Topics.deadLetter(Topics.DEPLOY_COMPLETED), r -> garbage.equals(r.value()), TIMEOUT);
        assertThat(header(dead, "dead-letter-reason")).startsWith("unreadable DeployCompleted");
        ConsumerRecord<String, String> resolved = kafka.awaitRecord(
                Topics.INCIDENTS_UPDATED,
                r -> r.value().contains(created.incidentId().toString()),
                TIMEOUT);
        assertThat(EventJson.read(resolved.value(), IncidentUpdated.class).status())
                .isEqualTo(IncidentStatus.RESOLVED);
    }

    @Transactional
    Incident storedIncident(UUID id) {
        return repository.findById(id).orElseThrow();
    }

    private static FaultDetected fault() {
        String json = Samples.json(EventType.FAULT_DETECTED)
                .replace("3f9a1c07be2d4e58", "it-" + UUID.randomUUID())
                .replace(
                        "5d0a4f8e-3a5b-4c1e-8a43-7f2f0c6b1d22",
                        UUID.randomUUID().toString())
                .replace("\"checkout\"", "\"checkout-" + UUID.randomUUID() + "\"");
        return EventJson.read(json, FaultDetected.class);
    }

    private static DeployCompleted deployCompleted(UUID incidentId) {
        String json = Samples.json(EventType.DEPLOY_COMPLETED)
                .replace("c1a7e2d4-8b3f-4f6a-9c5e-1d2b3a4f5e60", incidentId.toString())
                .replace(
                        "0e1f2a3b-4c5d-4e6f-9a7b-8c9d0e1f2a3b",
                        UUID.randomUUID().toString());
        return EventJson.read(json, DeployCompleted.class);
    }
}
