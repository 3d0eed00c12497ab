package io.autorecovery.detector;

import io.autorecovery.contracts.DetectionTrigger;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.EnumMap;
import java.util.Locale;
import java.util.Map;

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

    /** Counted for every record of {@code logs.raw}: looked up once, not per record. */
    private final Map<RecordOutcome, Counter> recordsRead = new EnumMap<>(RecordOutcome.class);

    DetectorMetrics(MeterRegistry registry) {
        this.registry = registry;
        for (RecordOutcome outcome : RecordOutcome.values()) {
            recordsRead.put(
                    outcome,
                    registry.counter(
                            "detector.records.read", "outcome", outcome.name().toLowerCase(Locale.ROOT)));
        }
    }

    public void recordRead(RecordOutcome outcome) {
        recordsRead.get(outcome).increment();
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
