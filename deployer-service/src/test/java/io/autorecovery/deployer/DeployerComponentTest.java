package io.autorecovery.deployer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.autorecovery.contracts.DeployAction;
import io.autorecovery.contracts.DeployCompleted;
import io.autorecovery.contracts.DeployOutcome;
import io.autorecovery.contracts.DeployRequested;
import io.autorecovery.contracts.EventJson;
import io.autorecovery.contracts.EventType;
import io.autorecovery.contracts.IncidentAction;
import io.autorecovery.contracts.IncidentStatus;
import io.autorecovery.contracts.IncidentUpdated;
import io.autorecovery.contracts.PatchOutcome;
import io.autorecovery.contracts.PatchProposed;
import io.autorecovery.contracts.Samples;
import io.autorecovery.contracts.Topics;
import io.autorecovery.outbox.OutboxRelay;
import io.quarkus.narayana.jta.QuarkusTransaction;
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

    @Inject
    HeldPatches held;

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
    void anApprovalReleasesTheHeldPatchAsADeployCommandOnce() {
        PatchProposed patch = patch("checkout-" + UUID.randomUUID(), PatchOutcome.PROPOSED, true);
        connector.source(Topics.PATCH_PROPOSED).send(EventJson.write(patch));
        await().atMost(Duration.ofSeconds(10))
                .until(() ->
                        inTransaction(() -> held.statusOf(patch.incidentId())).isPresent());

        IncidentUpdated approval = decision(patch.incidentId(), IncidentAction.APPROVED);
        connector.source(Topics.INCIDENTS_UPDATED).send(EventJson.write(approval));
        connector
                .source(Topics.INCIDENTS_UPDATED)
                .send(EventJson.write(decision(patch.incidentId(), IncidentAction.APPROVED)));

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
                        "patch " + patch.patchId() + " approved by olga"));
        await().during(Duration.ofSeconds(1))
                .atMost(Duration.ofSeconds(3))
                .until(() -> relayed.received().size() == 1);
        assertThat(inTransaction(() -> held.statusOf(patch.incidentId()))).contains(HeldPatch.RELEASED);
    }

    @Test
    void aRejectionClosesTheHeldPatchAndNothingIsDeployed() {
        PatchProposed patch = patch("checkout-" + UUID.randomUUID(), PatchOutcome.PROPOSED, true);
        connector.source(Topics.PATCH_PROPOSED).send(EventJson.write(patch));
        await().atMost(Duration.ofSeconds(10))
                .until(() ->
                        inTransaction(() -> held.statusOf(patch.incidentId())).isPresent());

        connector
                .source(Topics.INCIDENTS_UPDATED)
                .send(EventJson.write(decision(patch.incidentId(), IncidentAction.REJECTED)));
        connector
                .source(Topics.INCIDENTS_UPDATED)
                .send(EventJson.write(decision(patch.incidentId(), IncidentAction.APPROVED)));

        await().atMost(Duration.ofSeconds(10))
                .until(() -> inTransaction(() -> held.statusOf(patch.incidentId()))
                        .equals(java.util.Optional.of(HeldPatch.CLOSED)));
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

    private static IncidentUpdated decision(UUID incidentId, IncidentAction action) {
        return new IncidentUpdated(
                UUID.randomUUID(),
                java.time.Instant.now(),
                IncidentUpdated.VERSION,
                incidentId,
                "3f9a1c07be2d4e58",
                "checkout",
                IncidentStatus.AWAITING_APPROVAL,
                action == IncidentAction.APPROVED ? IncidentStatus.AWAITING_APPROVAL : IncidentStatus.NEEDS_HUMAN,
                1,
                action.name().toLowerCase(java.util.Locale.ROOT),
                "olga",
                action);
    }

    private static <T> T inTransaction(java.util.concurrent.Callable<T> work) {
        return QuarkusTransaction.requiringNew().call(work);
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
