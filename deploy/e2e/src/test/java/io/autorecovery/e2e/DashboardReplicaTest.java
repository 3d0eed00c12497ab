package io.autorecovery.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.autorecovery.contracts.Topics;
import io.autorecovery.e2e.SseRecorder.SseEvent;
import io.autorecovery.tools.FaultSender;
import io.autorecovery.tools.SyntheticFault;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * Two dashboard instances in one consumer group: each consumes a share of the topics' partitions,
 * yet a browser on either sees every event, once, in the same order as a browser on the other.
 */
class DashboardReplicaTest {

    private static final String KAFKA = env("KAFKA_BOOTSTRAP_SERVERS", "127.0.0.1:9092");
    private static final String DASHBOARD = env("MESH_DASHBOARD_URL", "http://127.0.0.1:8080");
    private static final Duration TIMEOUT = Duration.ofSeconds(90);
    private static final String RUN = "replica" + ThreadLocalRandom.current().nextInt(100_000, 1_000_000);

    @Test
    void browsersOnEitherReplicaSeeEveryEventOnceInTheSameOrder() throws Exception {
        List<SyntheticFault> faults = faults(4);
        Set<String> services = faults.stream().map(SyntheticFault::service).collect(Collectors.toSet());

        try (DashboardReplica second = DashboardReplica.start(KAFKA);
                SseRecorder onFirst = new SseRecorder(DASHBOARD);
                SseRecorder onSecond = new SseRecorder(second.url())) {
            assertThat(onFirst.status()).isEqualTo(200);
            assertThat(onSecond.status()).isEqualTo(200);
            try (FaultSender sender = new FaultSender(KAFKA)) {
                sender.send(faults, 20, fault -> {});
            }

            await().atMost(TIMEOUT).until(() -> openedFor(ours(onFirst)).containsAll(services));
            List<String> seenFirst = ids(ours(onFirst));
            await().atMost(TIMEOUT).until(() -> ours(onSecond).size() >= seenFirst.size());

            assertThat(ids(ours(onSecond)).subList(0, seenFirst.size())).isEqualTo(seenFirst);
            assertThat(seenFirst).doesNotHaveDuplicates();
            assertThat(faultsFor(ours(onFirst))).isEqualTo(services);
        }
    }

    /** The events of this run's services, in the order the browser got them. */
    private static List<SseEvent> ours(SseRecorder browser) {
        return browser.events().stream()
                .filter(event ->
                        event.data().path("event").path("service").asText().endsWith("-" + RUN))
                .toList();
    }

    private static Set<String> openedFor(List<SseEvent> events) {
        return servicesOn(events, Topics.INCIDENTS_CREATED);
    }

    private static Set<String> faultsFor(List<SseEvent> events) {
        return servicesOn(events, Topics.FAULTS_DETECTED);
    }

    private static Set<String> servicesOn(List<SseEvent> events, String topic) {
        return events.stream()
                .filter(event -> topic.equals(event.topic()))
                .map(event -> event.data().path("event").path("service").asText())
                .collect(Collectors.toSet());
    }

    private static List<String> ids(List<SseEvent> events) {
        return events.stream().map(SseEvent::id).toList();
    }

    /** Faults of distinct services, so that their records spread over the topics' partitions. */
    private static List<SyntheticFault> faults(int count) {
        return MeshFaults.fresh(count * 3, RUN).stream()
                .collect(Collectors.toMap(SyntheticFault::service, fault -> fault, (a, b) -> a))
                .values()
                .stream()
                .limit(count)
                .toList();
    }

    private static String env(String name, String fallback) {
        String value = System.getenv(name);
        return value == null || value.isBlank() ? fallback : value;
    }
}
