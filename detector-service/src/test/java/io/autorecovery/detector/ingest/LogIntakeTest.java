package io.autorecovery.detector.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.autorecovery.contracts.DetectionTrigger;
import io.autorecovery.contracts.FaultDetected;
import io.autorecovery.detector.Fingerprint;
import io.autorecovery.detector.stack.StackTraceReader;
import io.autorecovery.detector.support.FaultSink;
import io.autorecovery.detector.support.InMemoryChannels;
import io.autorecovery.detector.support.InMemoryDetectorTest;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The intake that log sources feed: lines in, records assembled, the same path as logs.raw. */
@QuarkusTest
@WithTestResource(value = InMemoryChannels.class, scope = TestResourceScope.MATCHING_RESOURCES)
class LogIntakeTest extends InMemoryDetectorTest {

    @Inject
    LogIntake intake;

    @Test
    void shouldAssembleTheTracesOfInterleavedServicesAndThreadsApart() {
        String orders = keys.newService("orders");
        String billing = keys.newService("billing");
        List<String> lines = List.of(
                json(orders, "t1", "ERROR", "Order 1 failed"),
                json(billing, "t1", "ERROR", "Charge 1 failed"),
                json(orders, "t2", "INFO", "Order 2 placed"),
                json(orders, "t1", null, "java.lang.IllegalStateException: no stock"),
                json(billing, "t1", null, "java.io.IOException: reset"),
                json(orders, "t1", null, "\\tat com.example.Orders.place(Orders.java:10)"),
                json(billing, "t1", null, "\\tat com.example.Billing.charge(Billing.java:20)"));

        IntakeResult result = intake.accept("fallback", lines);

        assertThat(result).isEqualTo(new IntakeResult(7, 3, 2, 1, 0, 0, List.of()));
        FaultDetected order = faults.awaitFirst(orders).event();
        FaultDetected charge = faults.awaitFirst(billing).event();
        keys.fingerprint(order.fingerprint());
        keys.fingerprint(charge.fingerprint());
        String orderTrace = "java.lang.IllegalStateException: no stock\n\tat com.example.Orders.place(Orders.java:10)";
        assertThat(order.samples()).containsExactly("Order 1 failed\n" + orderTrace);
        assertThat(order.fingerprint())
                .isEqualTo(Fingerprint.ofStack(
                                orders, StackTraceReader.read(orderTrace).orElseThrow())
                        .value());
        assertThat(charge.samples())
                .containsExactly("Charge 1 failed\njava.io.IOException: reset\n"
                        + "\tat com.example.Billing.charge(Billing.java:20)");
    }

    @Test
    void shouldRaiseABurstOnlyWhenTheRateWithinTheWindowReachesTheThreshold() {
        String service = keys.newService("search");
        Instant start = Instant.parse("2026-03-04T10:00:00Z");
        List<String> sparse = new ArrayList<>();
        for (int i = 0; i < 30; i++) {
            // One every five seconds: never 20 within a minute.
            sparse.add(timed(start.plusSeconds(5L * i), "Index shard 3 unavailable"));
        }
        List<String> dense = new ArrayList<>();
        for (int i = 0; i < 25; i++) {
            dense.add(timed(start.plusSeconds(600).plusMillis(100L * i), "Index shard 3 unavailable"));
        }

        intake.acceptLines(service, sparse);
        List<FaultDetected> afterSparse = events(service);
        intake.acceptLines(service, dense);
        List<FaultDetected> afterDense = events(service);

        keys.fingerprint(afterSparse.get(0).fingerprint());
        assertThat(afterSparse).extracting(FaultDetected::trigger).containsExactly(DetectionTrigger.NEW);
        assertThat(afterDense)
                .extracting(FaultDetected::trigger)
                .containsExactly(DetectionTrigger.NEW, DetectionTrigger.BURST);
        FaultDetected burst = afterDense.get(1);
        assertThat(burst.count()).isEqualTo(50);
        assertThat(burst.fingerprint()).isEqualTo(afterDense.get(0).fingerprint());
        assertThat(burst.firstSeen()).isEqualTo(start);
        assertThat(burst.lastSeen()).isEqualTo(start.plusSeconds(600).plusMillis(1900));
        assertThat(burst.samples()).hasSize(5);
    }

    @Test
    void shouldRefuseAnInvalidDefaultService() {
        assertThatThrownBy(() -> intake.acceptLines("two words", List.of("ERROR boom")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("default service must not contain whitespace or control characters");
    }

    private List<FaultDetected> events(String service) {
        return faults.of(service).stream().map(FaultSink.Sent::event).toList();
    }

    private static String timed(Instant at, String message) {
        return "{\"timestamp\":\"" + at + "\",\"level\":\"ERROR\",\"message\":\"" + message + "\"}";
    }

    private static String json(String service, String thread, String level, String message) {
        return "{\"service\":\"" + service + "\",\"thread\":\"" + thread + "\","
                + (level == null ? "" : "\"level\":\"" + level + "\",")
                + "\"message\":\"" + message + "\"}";
    }
}
