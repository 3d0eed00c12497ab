package io.autorecovery.deployer;

import static io.autorecovery.contracts.KafkaTestClient.header;
import static org.assertj.core.api.Assertions.assertThat;

import io.autorecovery.contracts.DeployCompleted;
import io.autorecovery.contracts.DeployOutcome;
import io.autorecovery.contracts.EventJson;
import io.autorecovery.contracts.EventType;
import io.autorecovery.contracts.KafkaTestClient;
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

/** Gate and executor on the real broker: a patch goes through deploy.requested to deploy.completed. */
@QuarkusTest
class DeployerKafkaIntegrationTest {

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
    void aProposedPatchTravelsThroughTheBrokerToADryRunOutcome() {
        String service = "checkout-" + UUID.randomUUID();
        PatchProposed patch = Samples.with(
                EventType.PATCH_PROPOSED,
                PatchProposed.class,
                Map.of("incidentId", UUID.randomUUID(), "patchId", UUID.randomUUID(), "service", service));

        kafka.send(patch, patch.incidentId().toString());

        ConsumerRecord<String, String> requested =
                kafka.awaitRecord(Topics.DEPLOY_REQUESTED, r -> service.equals(r.key()), TIMEOUT);
        assertThat(header(requested, "ce_type")).isEqualTo("io.autorecovery.deploy.requested.v1");
        ConsumerRecord<String, String> record =
                kafka.awaitRecord(Topics.DEPLOY_COMPLETED, r -> service.equals(r.key()), TIMEOUT);
        DeployCompleted completed = EventJson.read(record.value(), DeployCompleted.class);
        assertThat(completed.incidentId()).isEqualTo(patch.incidentId());
        assertThat(completed.outcome()).isEqualTo(DeployOutcome.SUCCEEDED);
        assertThat(completed.dryRun()).isTrue();
    }

    @Test
    void malformedDeployCommandsGoToTheDeadLetterTopic() {
        String garbage = "{\"deploymentId\": 17, \"at\": \"" + UUID.randomUUID() + "\"}";

        kafka.send(Topics.DEPLOY_REQUESTED, "checkout", garbage);

        ConsumerRecord<String, String> dead =
                kafka.awaitRecord(Topics.deadLetter(Topics.DEPLOY_REQUESTED), r -> garbage.equals(r.value()), TIMEOUT);
        assertThat(header(dead, "dead-letter-reason")).startsWith("invalid DeployRequested");
    }
}
