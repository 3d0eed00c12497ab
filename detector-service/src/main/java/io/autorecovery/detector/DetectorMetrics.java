package io.autorecovery.detector;

import io.autorecovery.contracts.DetectionTrigger;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Locale;

/** The detector's counters, published on {@code /q/metrics}. */
@ApplicationScoped
public class DetectorMetrics {

    /** What became of a record read from {@code logs.raw}. */
    public enum RecordOutcome {
        FAULT,
        BREADCRUMB,
        MALFORMED
    }

    /** What became of a raw log line taken by the intake. */
    public enum LineOutcome {
        ACCEPTED,
        REJECTED
    }

    private final MeterRegistry registry;

    DetectorMetrics(MeterRegistry registry) {
        this.registry = registry;
    }

    public void recordRead(RecordOutcome outcome) {
        registry.counter("detector.records.read", "outcome", outcome.name().toLowerCase(Locale.ROOT))
                .increment();
    }

    public void lineRead(LineOutcome outcome) {
        lineRead(outcome, 1);
    }

    public void lineRead(LineOutcome outcome, int count) {
        registry.counter("detector.lines.read", "outcome", outcome.name().toLowerCase(Locale.ROOT))
                .increment(count);
    }

    void faultEmitted(DetectionTrigger trigger) {
        registry.counter("detector.faults.emitted", "trigger", trigger.name().toLowerCase(Locale.ROOT))
                .increment();
    }
}
