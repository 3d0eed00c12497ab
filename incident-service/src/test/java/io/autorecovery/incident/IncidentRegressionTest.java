package io.autorecovery.incident;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.autorecovery.contracts.DeployCompleted;
import io.autorecovery.contracts.EventJson;
import io.autorecovery.contracts.EventType;
import io.autorecovery.contracts.FaultDetected;
import io.autorecovery.contracts.IncidentCreated;
import io.autorecovery.contracts.IncidentStatus;
import io.autorecovery.contracts.IncidentUpdated;
import io.autorecovery.contracts.PatchOutcome;
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
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Faults of one fingerprint against the real database: concurrent arrivals lose no count and open
 * one incident, and a fault after the fix reopens the resolved incident rather than a new one.
 */
@QuarkusTest
@QuarkusTestResource(value = IncidentChannels.class, restrictToAnnotatedClass = true)
class IncidentRegressionTest {

    private static final int CONCURRENT = 6;

    @Inject
    @Any
    InMemoryConnector connector;

    @Inject
    IncidentLifecycle lifecycle;

    @Inject
    IncidentRepository repository;

    private InMemorySink<String> relayed;
    private ExecutorService pool;

    @BeforeEach
    void setUp() {
        relayed = connector.sink(OutboxRelay.CHANNEL);
        relayed.clear();
        pool = Executors.newFixedThreadPool(CONCURRENT);
    }

    @AfterEach
    void tearDown() {
        pool.shutdownNow();
    }

    @Test
    void concurrentFaultsOfOneFingerprintOpenOneIncidentAndLoseNoCount() throws Exception {
        String fingerprint = "race-" + UUID.randomUUID();

        handleAtOnce(fingerprint, CONCURRENT);

        List<Incident> incidents = incidentsOf(fingerprint);
        assertThat(incidents).hasSize(1);
        assertThat(incidents.get(0).occurrences()).isEqualTo(CONCURRENT);
        assertThat(incidents.get(0).status()).isEqualTo(IncidentStatus.ANALYZING);
        // opened, handed to analysis, then counted once by each of the other transactions
        await().atMost(Duration.ofSeconds(10)).until(() -> relayed.received().size() == CONCURRENT + 1);
        List<String> topics =
                relayed.received().stream().map(IncidentRegressionTest::topicOf).toList();
        assertThat(topics).containsOnlyOnce(Topics.INCIDENTS_CREATED);
        assertThat(topics).filteredOn(Topics.INCIDENTS_UPDATED::equals).hasSize(CONCURRENT);
        assertThat(timelineStatuses(incidents.get(0).id())).hasSize(CONCURRENT + 1);
    }

    @Test
    void aFaultAfterTheFixReopensTheResolvedIncidentLinkedToItsResolution() {
        String fingerprint = "regression-" + UUID.randomUUID();
        UUID incidentId = openAndResolve(fingerprint);
        TimelineEntry resolution =
                inTransaction(() -> repository.lastResolution(incidentId).orElseThrow());

        FaultDetected again = PipelineEvents.fault(fingerprint);
        QuarkusTransaction.requiringNew().run(() -> lifecycle.onFault(again));

        IncidentUpdated reopened = lastUpdate();
        String reason = "regression: the fault returned after resolution #" + resolution.id() + " at " + resolution.at()
                + " (" + resolution.detail() + ")";
        assertThat(reopened)
                .isEqualTo(new IncidentUpdated(
                        reopened.eventId(),
                        reopened.occurredAt(),
                        1,
                        incidentId,
                        fingerprint,
                        "checkout",
                        IncidentStatus.RESOLVED,
                        IncidentStatus.REOPENED,
                        2,
                        reason,
                        "detector-service",
                        null));
        assertThat(incidentsOf(fingerprint)).extracting(Incident::id).containsExactly(incidentId);
        List<TimelineEntry> timeline = inTransaction(() -> repository.timeline(incidentId));
        TimelineEntry last = timeline.get(timeline.size() - 1);
        assertThat(last.status()).isEqualTo(IncidentStatus.REOPENED);
        assertThat(last.follows()).isEqualTo(resolution.id());
        assertThat(last.eventId()).isEqualTo(again.eventId());
    }

    @Test
    void concurrentFaultsAfterTheFixReopenTheIncidentOnce() throws Exception {
        String fingerprint = "regression-race-" + UUID.randomUUID();
        UUID incidentId = openAndResolve(fingerprint);
        relayed.clear();

        handleAtOnce(fingerprint, CONCURRENT);

        assertThat(incidentsOf(fingerprint)).extracting(Incident::id).containsExactly(incidentId);
        Incident incident = incidentsOf(fingerprint).get(0);
        assertThat(incident.status()).isEqualTo(IncidentStatus.REOPENED);
        assertThat(incident.occurrences()).isEqualTo(1 + CONCURRENT);
        await().atMost(Duration.ofSeconds(10)).until(() -> relayed.received().size() == CONCURRENT);
        List<IncidentStatus> previous = relayed.received().stream()
                .map(message -> EventJson.read(message.getPayload(), IncidentUpdated.class)
                        .previousStatus())
                .toList();
        assertThat(previous)
                .filteredOn(status -> status == IncidentStatus.RESOLVED)
                .hasSize(1);
        assertThat(previous)
                .filteredOn(status -> status == IncidentStatus.REOPENED)
                .hasSize(CONCURRENT - 1);
    }

    @Test
    void aStepTheLifecycleRefusesIsKeptInTheTimelineAsRefused() {
        String fingerprint = "refused-" + UUID.randomUUID();
        UUID incidentId = openAndResolve(fingerprint);
        int before = inTransaction(() -> repository.timeline(incidentId)).size();
        relayed.clear();

        String analysis = Samples.json(EventType.ANALYSIS_COMPLETED)
                .replace("c1a7e2d4-8b3f-4f6a-9c5e-1d2b3a4f5e60", incidentId.toString())
                .replaceFirst("\"eventId\": \"[0-9a-f-]+\"", "\"eventId\": \"" + UUID.randomUUID() + "\"");
        AtomicReference<Object> outcome = new AtomicReference<>();
        connector
                .source(Topics.ANALYSIS_COMPLETED)
                .send(Message.of(analysis)
                        .withAck(() -> {
                            outcome.set("acked");
                            return CompletableFuture.completedFuture(null);
                        })
                        .withNack(failure -> {
                            outcome.set(failure);
                            return CompletableFuture.completedFuture(null);
                        }));
        await().atMost(Duration.ofSeconds(10)).until(() -> outcome.get() != null);
        assertThat(outcome.get()).isEqualTo("acked");

        await().atMost(Duration.ofSeconds(10))
                .until(() ->
                        inTransaction(() -> repository.timeline(incidentId)).size() == before + 1);
        TimelineEntry refused =
                inTransaction(() -> repository.timeline(incidentId)).get(before);
        assertThat(refused.event()).isEqualTo(Topics.ANALYSIS_COMPLETED);
        assertThat(refused.status()).isEqualTo(IncidentStatus.RESOLVED);
        assertThat(refused.rejectedBecause()).isEqualTo("RESOLVED cannot move to ANALYZED; it may move to [REOPENED]");
        assertThat(relayed.received()).isEmpty();
    }

    private void handleAtOnce(String fingerprint, int count) throws Exception {
        CountDownLatch start = new CountDownLatch(1);
        List<Future<?>> handled = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            FaultDetected fault = PipelineEvents.fault(fingerprint);
            handled.add(pool.submit(() -> {
                start.await();
                QuarkusTransaction.requiringNew().run(() -> lifecycle.onFault(fault));
                return null;
            }));
        }
        start.countDown();
        for (Future<?> each : handled) {
            each.get(30, TimeUnit.SECONDS);
        }
    }

    /** Opens an incident and takes it through analysis, a patch and a verified rollout. */
    private UUID openAndResolve(String fingerprint) {
        QuarkusTransaction.requiringNew().run(() -> lifecycle.onFault(PipelineEvents.fault(fingerprint)));
        await().atMost(Duration.ofSeconds(10)).until(() -> relayed.received().size() == 2);
        UUID incidentId = EventJson.read(relayed.received().get(0).getPayload(), IncidentCreated.class)
                .incidentId();
        QuarkusTransaction.requiringNew().run(() -> lifecycle.onAnalysis(PipelineEvents.analysis(incidentId)));
        QuarkusTransaction.requiringNew()
                .run(() -> lifecycle.onPatch(PipelineEvents.patch(incidentId, PatchOutcome.PROPOSED, false)));
        QuarkusTransaction.requiringNew()
                .run(() -> lifecycle.onDeployRequested(PipelineEvents.deployRequested(incidentId)));
        DeployCompleted deployed = PipelineEvents.rolledOut(incidentId, false, PipelineEvents.faultGone());
        QuarkusTransaction.requiringNew().run(() -> lifecycle.onDeployCompleted(deployed));
        await().atMost(Duration.ofSeconds(10)).until(() -> relayed.received().size() == 7);
        assertThat(lastUpdate().status()).isEqualTo(IncidentStatus.RESOLVED);
        relayed.clear();
        return incidentId;
    }

    private IncidentUpdated lastUpdate() {
        await().atMost(Duration.ofSeconds(10)).until(() -> !relayed.received().isEmpty());
        List<? extends org.eclipse.microprofile.reactive.messaging.Message<String>> received = relayed.received();
        return EventJson.read(received.get(received.size() - 1).getPayload(), IncidentUpdated.class);
    }

    private List<Incident> incidentsOf(String fingerprint) {
        IncidentQuery query =
                new IncidentQuery(List.of(), null, null, null, null, fingerprint, IncidentSort.NEWEST, null, 10);
        return inTransaction(() -> repository.search(query).items());
    }

    private List<IncidentStatus> timelineStatuses(UUID incidentId) {
        return inTransaction(() -> repository.timeline(incidentId)).stream()
                .map(TimelineEntry::status)
                .toList();
    }

    @SuppressWarnings("unchecked")
    private static String topicOf(org.eclipse.microprofile.reactive.messaging.Message<String> message) {
        return message.getMetadata(OutgoingKafkaRecordMetadata.class)
                .map(OutgoingKafkaRecordMetadata::getTopic)
                .orElseThrow();
    }

    private static <T> T inTransaction(java.util.concurrent.Callable<T> work) {
        return QuarkusTransaction.requiringNew().call(work);
    }
}
