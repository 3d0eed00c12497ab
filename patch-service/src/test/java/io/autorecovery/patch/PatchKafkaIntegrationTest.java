package io.autorecovery.patch;

import static io.autorecovery.contracts.KafkaTestClient.header;
import static org.assertj.core.api.Assertions.assertThat;

import io.autorecovery.contracts.AnalysisCompleted;
import io.autorecovery.contracts.EventJson;
import io.autorecovery.contracts.EventType;
import io.autorecovery.contracts.KafkaTestClient;
import io.autorecovery.contracts.PatchOutcome;
import io.autorecovery.contracts.PatchProposed;
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

/** The service on the real broker and database: analyses in, patches out, dead letters aside. */
@QuarkusTest
class PatchKafkaIntegrationTest {

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
    void malformedRecordsGoToTheDeadLetterTopicAndTheNextAnalysisIsPatched() {
        String garbage = "{\"incidentId\": \"" + UUID.randomUUID() + "\"}";
        AnalysisCompleted analysis = Samples.with(
                EventType.ANALYSIS_COMPLETED,
                AnalysisCompleted.class,
                Map.of("incidentId", UUID.randomUUID(), "service", "checkout-" + UUID.randomUUID()));

        kafka.send(Topics.ANALYSIS_COMPLETED, "key", garbage);
        kafka.send(analysis, analysis.incidentId().toString());

        ConsumerRecord<String, String> dead = kafka.awaitRecord(
                Topics.deadLetter(Topics.ANALYSIS_COMPLETED), r -> garbage.equals(r.value()), TIMEOUT);
        assertThat(header(dead, "dead-letter-reason")).startsWith("invalid AnalysisCompleted");
        ConsumerRecord<String, String> record = kafka.awaitRecord(
                Topics.PATCH_PROPOSED, r -> analysis.incidentId().toString().equals(r.key()), TIMEOUT);
        assertThat(EventJson.read(record.value(), PatchProposed.class).outcome())
                .isEqualTo(PatchOutcome.PROPOSED);
        assertThat(header(record, "ce_source")).isEqualTo("/autorecovery/patch-service");
    }
}
