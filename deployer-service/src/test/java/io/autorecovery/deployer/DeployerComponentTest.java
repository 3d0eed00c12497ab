package io.autorecovery.deployer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.autorecovery.contracts.DeployAction;
import io.autorecovery.contracts.DeployCompleted;
import io.autorecovery.contracts.DeployOutcome;
import io.autorecovery.contracts.DeployRequested;
import io.autorecovery.contracts.EventJson;
import io.autorecovery.contracts.EventType;
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

/** Patches in, deploy commands out; deploy commands in, dry-run outcomes out. */
@QuarkusTest
@QuarkusTestResource(value = DeployerChannels.class, restrictToAnnotatedClass = true)
class DeployerComponentTest {

    private static final String SHA = "4e1f0a9b8c7d6e5f4a3b2c1d0e9f8a7b6c5d4e3f";

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
    void aProposedPatchPassesTheGateAsADeployCommand() {
        PatchProposed patch = patch("checkout-" + UUID.randomUUID(), PatchOutcome.PROPOSED, false);

        connector.source(Topics.PATCH_PROPOSED).send(EventJson.write(patch));

        Message<String> message = awaitMessages(1).get(0);
        DeployRequested request = EventJson.read(message.getPayload(), DeployRequested.class);
        assertThat(request)
                .isEqualTo(new DeployRequested(
                        request.eventId(),
                        request.occurredAt(),
                        1,
                        request.deploymentId(),
                        patch.incidentId(),
                        patch.service(),
                        DeployAction.ROLL_OUT,
                        SHA,
                        null,
                        "deployer-gate",
                        "patch " + patch.patchId() + " passed the gate"));
        OutgoingKafkaRecordMetadata<?> kafka =
                message.getMetadata(OutgoingKafkaRecordMetadata.class).orElseThrow();
        assertThat(kafka.getTopic()).isEqualTo(Topics.DEPLOY_REQUESTED);
        assertThat(kafka.getKey()).isEqualTo(patch.service());
    }

    @Test
    void aDeployCommandCompletesAsADryRunThatNamesWhatItReplaces() {
        String service = "checkout-" + UUID.randomUUID();
        DeployRequested first = request(service, SHA);
        connector.source(Topics.DEPLOY_REQUESTED).send(EventJson.write(first));
        DeployCompleted firstDone = EventJson.read(awaitMessages(1).get(0).getPayload(), DeployCompleted.class);
        DeployRequested second = request(service, "0123456789abcdef0123");

        connector.source(Topics.DEPLOY_REQUESTED).send(EventJson.write(second));

        Message<String> message = awaitMessages(2).get(1);
        DeployCompleted completed = EventJson.read(message.getPayload(), DeployCompleted.class);
        assertThat(firstDone.revision()).isEqualTo(service + "@4e1f0a9b8c7d");
        assertThat(completed)
                .isEqualTo(new DeployCompleted(
                        completed.eventId(),
                        completed.occurredAt(),
                        1,
                        second.deploymentId(),
                        second.incidentId(),
                        service,
                        DeployAction.ROLL_OUT,
                        DeployOutcome.SUCCEEDED,
                        true,
                        service + "@0123456789ab",
                        service + "@4e1f0a9b8c7d",
                        null,
                        "dry run: nothing was rolled out, so nothing was verified"));
        assertThat(message.getMetadata(OutgoingKafkaRecordMetadata.class)
                        .orElseThrow()
                        .getKey())
                .isEqualTo(service);
    }

    @Test
    void aRedeliveredDeployCommandCompletesOnce() {
        DeployRequested request = request("checkout-" + UUID.randomUUID(), SHA);
        connector.source(Topics.DEPLOY_REQUESTED).send(EventJson.write(request));
        awaitMessages(1);

        connector.source(Topics.DEPLOY_REQUESTED).send(EventJson.write(request));

        await().during(Duration.ofSeconds(1))
                .atMost(Duration.ofSeconds(3))
                .until(() -> relayed.received().size() == 1);
    }

    @Test
    void theGateHoldsPatchesThatAreNotSafeOrNeedApproval() {
        connector
                .source(Topics.PATCH_PROPOSED)
                .send(EventJson.write(patch("checkout", PatchOutcome.NO_SAFE_PATCH, true)));
        connector.source(Topics.PATCH_PROPOSED).send(EventJson.write(patch("checkout", PatchOutcome.PROPOSED, true)));

        await().during(Duration.ofSeconds(1))
                .atMost(Duration.ofSeconds(3))
                .until(() -> relayed.received().isEmpty());
    }

    @Test
    void aMalformedRecordIsRefusedAndTheNextOneIsStillHandled() {
        AtomicReference<Throwable> refusal = new AtomicReference<>();
        connector
                .source(Topics.DEPLOY_REQUESTED)
                .send(Message.of("{\"action\": \"EXPLODE\"}").withNack(failure -> {
                    refusal.set(failure);
                    return CompletableFuture.completedFuture(null);
                }));

        connector.source(Topics.DEPLOY_REQUESTED).send(EventJson.write(request("checkout", SHA)));

        awaitMessages(1);
        assertThat(refusal.get()).hasMessageStartingWith("invalid DeployRequested");
    }

    private List<? extends Message<String>> awaitMessages(int count) {
        await().atMost(Duration.ofSeconds(10)).until(() -> relayed.received().size() == count);
        return relayed.received();
    }

    private static PatchProposed patch(String service, PatchOutcome outcome, boolean approvalRequired) {
        return Samples.with(
                EventType.PATCH_PROPOSED,
                PatchProposed.class,
                Map.of(
                        "incidentId", UUID.randomUUID(),
                        "patchId", UUID.randomUUID(),
                        "service", service,
                        "outcome", outcome,
                        "approvalRequired", approvalRequired));
    }

    private static DeployRequested request(String service, String commitSha) {
        return Samples.with(
                EventType.DEPLOY_REQUESTED,
                DeployRequested.class,
                Map.of(
                        "deploymentId",
                        UUID.randomUUID(),
                        "incidentId",
                        UUID.randomUUID(),
                        "service",
                        service,
                        "commitSha",
                        commitSha));
    }
}
