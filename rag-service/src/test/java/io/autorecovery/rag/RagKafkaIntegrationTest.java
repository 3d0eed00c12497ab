package io.autorecovery.rag;

import static io.autorecovery.contracts.KafkaTestClient.header;
import static org.assertj.core.api.Assertions.assertThat;

import io.autorecovery.contracts.AnalysisCompleted;
import io.autorecovery.contracts.EventJson;
import io.autorecovery.contracts.EventType;
import io.autorecovery.contracts.IncidentCreated;
import io.autorecovery.contracts.KafkaTestClient;
import io.autorecovery.contracts.Samples;
import io.autorecovery.contracts.Topics;
import io.quarkus.test.junit.QuarkusTest;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The service on the real broker and database: incidents in, analyses out, dead letters aside. */
@QuarkusTest
class RagKafkaIntegrationTest {

    private static final Duration TIMEOUT = Duration.ofSeconds(30);
    private static KafkaTestClient kafka;

    @BeforeAll
    static void connect() {
        kafka = new KafkaTestClient();
    }

    @AfterAll
    static void disconnect() {
        kafka.close();
    }

    @Test
    void malformedRecordsGoToTheDeadLetterTopicAndTheNextIncidentIsDiagnosed() {
        String garbage = "not json " + UUID.randomUUID();
        IncidentCreated incident = Samples.with(
                EventType.INCIDENT_CREATED,
                IncidentCreated.class,
                Map.of("incidentId", UUID.randomUUID(), "service", "checkout-" + UUID.randomUUID()));

        kafka.send(Topics.INCIDENTS_CREATED, "key", garbage);
        kafka.send(incident, incident.incidentId().toString());

        ConsumerRecord<String, String> dead =
                kafka.awaitRecord(Topics.deadLetter(Topics.INCIDENTS_CREATED), r -> garbage.equals(r.value()), TIMEOUT);
        assertThat(header(dead, "dead-letter-reason")).startsWith("unreadable IncidentCreated");
        ConsumerRecord<String, String> record = kafka.awaitRecord(
                Topics.ANALYSIS_COMPLETED, r -> incident.incidentId().toString().equals(r.key()), TIMEOUT);
        AnalysisCompleted analysis = EventJson.read(record.value(), AnalysisCompleted.class);
        assertThat(analysis.incidentId()).isEqualTo(incident.incidentId());
        assertThat(header(record, "ce_type")).isEqualTo("io.autorecovery.analysis.completed.v1");
        assertThat(header(record, "ce_source")).isEqualTo("/autorecovery/rag-service");
    }
}
