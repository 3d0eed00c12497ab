package io.autorecovery.rag;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.autorecovery.contracts.AnalysisCompleted;
import io.autorecovery.contracts.DeployCompleted;
import io.autorecovery.contracts.DeployOutcome;
import io.autorecovery.contracts.EventJson;
import io.autorecovery.contracts.EventType;
import io.autorecovery.contracts.Evidence;
import io.autorecovery.contracts.FaultClass;
import io.autorecovery.contracts.IncidentCreated;
import io.autorecovery.contracts.PatchOutcome;
import io.autorecovery.contracts.PatchProposed;
import io.autorecovery.contracts.Samples;
import io.autorecovery.contracts.Topics;
import io.autorecovery.outbox.OutboxRelay;
import io.autorecovery.rag.knowledge.FixStatus;
import io.autorecovery.rag.knowledge.KnowledgeDocument;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.smallrye.reactive.messaging.kafka.api.OutgoingKafkaRecordMetadata;
import io.smallrye.reactive.messaging.memory.InMemoryConnector;
import io.smallrye.reactive.messaging.memory.InMemorySink;
import jakarta.enterprise.inject.Any;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
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

    @Inject
    @Any
    InMemoryConnector connector;

    @Inject
    Knowledge knowledge;

    @Inject
    KnowledgeRepository repository;

    private InMemorySink<String> relayed;

    @BeforeEach
    void clearSink() {
        relayed = connector.sink(OutboxRelay.CHANNEL);
        relayed.clear();
    }

    @Test
    void aNewIncidentIsDiagnosedFromTheRunbookOfItsFaultClass() {
        IncidentCreated incident = incident(UUID.randomUUID().toString(), FaultClass.DB_POOL_EXHAUSTED);
        KnowledgeDocument runbook = document("db-pool-exhausted");

        connector.source(Topics.INCIDENTS_CREATED).send(EventJson.write(incident));

        Message<String> message = awaitMessages(1).get(0);
        AnalysisCompleted analysis = EventJson.read(message.getPayload(), AnalysisCompleted.class);
        Evidence basis = analysis.evidence().get(0);
        assertThat(basis.reference()).isEqualTo("knowledge/db-pool-exhausted");
        assertThat(analysis)
                .isEqualTo(new AnalysisCompleted(
                        analysis.eventId(),
                        analysis.occurredAt(),
                        1,
                        incident.incidentId(),
                        incident.fingerprint(),
                        "checkout",
                        FaultClass.DB_POOL_EXHAUSTED,
                        runbook.rootCause(),
                        runbook.remediation() + "\nRecipe: set db.pool.max-size from 10 to 20 in"
                                + " config/application.properties (Double the database connection pool).",
                        RetrievalDiagnosis.rounded(0.30 + 0.40 * basis.score() + 0.15),
                        "retrieval",
                        analysis.evidence(),
                        List.of()));
        assertThat(basis)
                .isEqualTo(new Evidence("runbook", "knowledge/db-pool-exhausted", runbook.title(), basis.score()));
        assertThat(basis.score()).isGreaterThan(0.3);
        OutgoingKafkaRecordMetadata<?> kafka =
                message.getMetadata(OutgoingKafkaRecordMetadata.class).orElseThrow();
        assertThat(kafka.getTopic()).isEqualTo(Topics.ANALYSIS_COMPLETED);
        assertThat(kafka.getKey()).isEqualTo(incident.incidentId().toString());
        given().get("/analyses/{id}", incident.incidentId())
                .then()
                .statusCode(200)
                .body("rootCause", org.hamcrest.Matchers.equalTo(runbook.rootCause()))
                .body("method", org.hamcrest.Matchers.equalTo("retrieval"));
    }

    @Test
    void aVerifiedFixOfTheSameFingerprintBecomesTheBasisOfTheNextDiagnosis() {
        String fingerprint = UUID.randomUUID().toString();
        IncidentCreated first = incident(fingerprint, FaultClass.DEADLOCK);
        connector.source(Topics.INCIDENTS_CREATED).send(EventJson.write(first));
        awaitMessages(1);
        DeployCompleted deploy = deploy(first.incidentId(), DeployOutcome.SUCCEEDED, false);
        connector.source(Topics.DEPLOY_COMPLETED).send(EventJson.write(deploy));
        String fixId = "fix-" + deploy.deploymentId();
        await().atMost(Duration.ofSeconds(10)).until(() -> knowledge.find(fixId).isPresent());
        IncidentCreated second = incident(fingerprint, FaultClass.DEADLOCK);

        connector.source(Topics.INCIDENTS_CREATED).send(EventJson.write(second));

        AnalysisCompleted analysis = EventJson.read(awaitMessages(2).get(1).getPayload(), AnalysisCompleted.class);
        KnowledgeDocument fix = knowledge.find(fixId).orElseThrow();
        assertThat(fix.status()).isEqualTo(FixStatus.VERIFIED);
        assertThat(fix.signature()).isEqualTo(fingerprint);
        assertThat(analysis.confidence()).isEqualTo(0.95);
        assertThat(analysis.similarIncidents()).containsExactly(first.incidentId());
        assertThat(analysis.evidence().get(0))
                .isEqualTo(new Evidence("fix", "knowledge/" + fixId, "Fix for " + first.title(), 1.0));
        assertThat(analysis.evidence())
                .contains(new Evidence(
                        "incident", "incidents/" + first.incidentId(), "same fingerprint, fix verified", 0.9));
    }

    @Test
    void aFixLearnedFromItsDeployCarriesTheDiffThatWasProposed() {
        IncidentCreated incident = incident(UUID.randomUUID().toString(), FaultClass.DEADLOCK);
        connector.source(Topics.INCIDENTS_CREATED).send(EventJson.write(incident));
        awaitMessages(1);
        String diff = "--- a/src/main/java/shop/LedgerRepository.java\n+++ b/src/main/java/shop/LedgerRepository.java\n"
                + "@@ -40 +40 @@\n-    lockRowsInInsertOrder(rows);\n+    lockRowsInKeyOrder(rows);\n";
        PatchProposed patch = patch(incident.incidentId(), PatchOutcome.PROPOSED, diff);
        connector.source(Topics.PATCH_PROPOSED).send(EventJson.write(patch));
        await().atMost(Duration.ofSeconds(10))
                .until(() -> repository.patchOf(incident.incidentId()).isPresent());
        DeployCompleted deploy = deploy(incident.incidentId(), DeployOutcome.SUCCEEDED, false);

        connector.source(Topics.DEPLOY_COMPLETED).send(EventJson.write(deploy));

        String fixId = "fix-" + deploy.deploymentId();
        await().atMost(Duration.ofSeconds(10)).until(() -> knowledge.find(fixId).isPresent());
        KnowledgeDocument fix = knowledge.find(fixId).orElseThrow();
        assertThat(fix.status()).isEqualTo(FixStatus.VERIFIED);
        assertThat(fix.body())
                .isEqualTo("Patch " + patch.patchId() + ": " + patch.summary() + "\nPull request: "
                        + patch.pullRequestUrl() + "\n\n```diff\n" + diff.strip() + "\n```\n\nDeployment "
                        + deploy.deploymentId() + " of checkout (roll_out) ended succeeded; revision "
                        + deploy.revision() + ", previous " + deploy.previousRevision()
                        + (deploy.detail() == null ? "" : ". " + deploy.detail()));
    }

    @Test
    void aPatchReadAfterItsDeployIsAddedToTheFixAndALaterPatchIsNot() {
        IncidentCreated incident = incident(UUID.randomUUID().toString(), FaultClass.DEADLOCK);
        connector.source(Topics.INCIDENTS_CREATED).send(EventJson.write(incident));
        awaitMessages(1);
        DeployCompleted deploy = deploy(incident.incidentId(), DeployOutcome.SUCCEEDED, false);
        connector.source(Topics.DEPLOY_COMPLETED).send(EventJson.write(deploy));
        String fixId = "fix-" + deploy.deploymentId();
        await().atMost(Duration.ofSeconds(10)).until(() -> knowledge.find(fixId).isPresent());
        String outcome = document(fixId).body();
        assertThat(outcome).startsWith("Deployment " + deploy.deploymentId());

        // The patch that was deployed, proposed before the deploy ended but read after it.
        String diff = "--- a/src/main/java/shop/LedgerRepository.java\n+++ b/src/main/java/shop/LedgerRepository.java\n"
                + "@@ -40 +40 @@\n-    lockRowsInInsertOrder(rows);\n+    lockRowsInKeyOrder(rows);\n";
        PatchProposed deployed = patch(incident.incidentId(), PatchOutcome.PROPOSED, diff);
        connector.source(Topics.PATCH_PROPOSED).send(EventJson.write(deployed));

        await().atMost(Duration.ofSeconds(10))
                .until(() -> document(fixId).body().startsWith("Patch "));
        String withChange = "Patch " + deployed.patchId() + ": " + deployed.summary() + "\nPull request: "
                + deployed.pullRequestUrl() + "\n\n```diff\n" + diff.strip() + "\n```\n\n" + outcome;
        assertThat(document(fixId).body()).isEqualTo(withChange);

        // A new attempt, proposed after the fix was learned, is not the change that was deployed.
        PatchProposed later = patch(
                incident.incidentId(),
                PatchOutcome.PROPOSED,
                "+later\n",
                Instant.now().plus(Duration.ofHours(1)));
        connector.source(Topics.PATCH_PROPOSED).send(EventJson.write(later));
        await().atMost(Duration.ofSeconds(10))
                .until(() -> repository
                        .patchOf(incident.incidentId())
                        .orElseThrow()
                        .patchId()
                        .equals(later.patchId()));
        assertThat(document(fixId).body()).isEqualTo(withChange);
    }

    @Test
    void anOversizedDiffIsKeptCutWithAMarkerAndNoSafePatchKeepsNothing() {
        UUID cut = UUID.randomUUID();
        UUID none = UUID.randomUUID();
        String huge = "+x\n".repeat(20_000);

        connector.source(Topics.PATCH_PROPOSED).send(EventJson.write(patch(cut, PatchOutcome.PROPOSED, huge)));
        connector.source(Topics.PATCH_PROPOSED).send(EventJson.write(patch(none, PatchOutcome.NO_SAFE_PATCH, "")));
        UUID last = UUID.randomUUID();
        connector.source(Topics.PATCH_PROPOSED).send(EventJson.write(patch(last, PatchOutcome.PROPOSED, "+y\n")));

        await().atMost(Duration.ofSeconds(10))
                .until(() -> repository.patchOf(last).isPresent());
        assertThat(repository.patchOf(cut).orElseThrow().diff())
                .isEqualTo(huge.substring(0, Diagnosis.MAX_STORED_DIFF) + Diagnosis.DIFF_CUT);
        assertThat(repository.patchOf(none)).isEmpty();
    }

    @Test
    void aRolledBackFixIsRecordedAsRevertedAndNeverOfferedAsEvidence() {
        String fingerprint = UUID.randomUUID().toString();
        IncidentCreated first = incident(fingerprint, FaultClass.DEADLOCK);
        connector.source(Topics.INCIDENTS_CREATED).send(EventJson.write(first));
        awaitMessages(1);
        DeployCompleted deploy = deploy(first.incidentId(), DeployOutcome.ROLLED_BACK, false);
        connector.source(Topics.DEPLOY_COMPLETED).send(EventJson.write(deploy));
        String fixId = "fix-" + deploy.deploymentId();
        await().atMost(Duration.ofSeconds(10)).until(() -> knowledge.find(fixId).isPresent());
        IncidentCreated second = incident(fingerprint, FaultClass.DEADLOCK);

        connector.source(Topics.INCIDENTS_CREATED).send(EventJson.write(second));

        AnalysisCompleted analysis = EventJson.read(awaitMessages(2).get(1).getPayload(), AnalysisCompleted.class);
        assertThat(knowledge.find(fixId).orElseThrow().status()).isEqualTo(FixStatus.REVERTED);
        assertThat(knowledge
                        .find("incident-" + first.incidentId())
                        .orElseThrow()
                        .status())
                .isEqualTo(FixStatus.REVERTED);
        assertThat(analysis.evidence().get(0).reference()).isEqualTo("knowledge/deadlock");
        assertThat(analysis.evidence())
                .extracting(Evidence::reference)
                .doesNotContain("knowledge/" + fixId, "knowledge/incident-" + first.incidentId());
    }

    @Test
    void anUnclassifiedIncidentTakesTheFaultClassOfItsBestMatch() {
        IncidentCreated incident = Samples.with(
                EventType.INCIDENT_CREATED,
                IncidentCreated.class,
                Map.of(
                        "incidentId",
                        UUID.randomUUID(),
                        "faultClass",
                        FaultClass.UNKNOWN,
                        "title",
                        "billing: java.io.IOException: No space left on device",
                        "samples",
                        List.of("java.io.IOException: No space left on device\n"
                                + "\tat java.base/java.io.FileOutputStream.writeBytes(Native Method)\n"
                                + "\tat com.acme.billing.InvoiceArchive.store(InvoiceArchive.java:88)")));

        connector.source(Topics.INCIDENTS_CREATED).send(EventJson.write(incident));

        AnalysisCompleted analysis = EventJson.read(awaitMessages(1).get(0).getPayload(), AnalysisCompleted.class);
        assertThat(analysis.faultClass()).isEqualTo(FaultClass.DISK_FULL);
        assertThat(analysis.evidence().get(0).reference()).isEqualTo("knowledge/disk-full");
        assertThat(analysis.rootCause()).isEqualTo(document("disk-full").rootCause());
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
        Map<String, Object> fields = new HashMap<>(
                Map.of("incidentId", UUID.randomUUID(), "fingerprint", fingerprint, "faultClass", faultClass));
        if (faultClass == FaultClass.DEADLOCK) {
            fields.put("title", "checkout: ERROR: deadlock detected on table <QUOTED>");
            fields.put(
                    "samples",
                    List.of("org.postgresql.util.PSQLException: ERROR: deadlock detected\n"
                            + "  Detail: Process 4711 waits for ShareLock on transaction 9000;"
                            + " blocked by process 4712."));
        }
        return Samples.with(EventType.INCIDENT_CREATED, IncidentCreated.class, fields);
    }

    private static PatchProposed patch(UUID incidentId, PatchOutcome outcome, String diff) {
        return patch(
                incidentId,
                outcome,
                diff,
                Samples.read(EventType.PATCH_PROPOSED, PatchProposed.class).occurredAt());
    }

    private static PatchProposed patch(UUID incidentId, PatchOutcome outcome, String diff, Instant occurredAt) {
        return Samples.with(
                EventType.PATCH_PROPOSED,
                PatchProposed.class,
                Map.of(
                        "eventId",
                        UUID.randomUUID(),
                        "patchId",
                        UUID.randomUUID(),
                        "incidentId",
                        incidentId,
                        "outcome",
                        outcome,
                        "diff",
                        diff,
                        "occurredAt",
                        occurredAt));
    }

    private static DeployCompleted deploy(UUID incidentId, DeployOutcome outcome, boolean dryRun) {
        return Samples.with(
                EventType.DEPLOY_COMPLETED,
                DeployCompleted.class,
                Map.of(
                        "deploymentId",
                        UUID.randomUUID(),
                        "incidentId",
                        incidentId,
                        "dryRun",
                        dryRun,
                        "outcome",
                        outcome));
    }

    private KnowledgeDocument document(String id) {
        return knowledge.find(id).orElseThrow();
    }
}
