package io.autorecovery.detector.ingest;

import io.autorecovery.detector.DetectorMetrics;
import io.autorecovery.detector.DetectorMetrics.RecordOutcome;
import io.autorecovery.detector.DetectorUnavailableException;
import io.autorecovery.detector.FaultSignal;
import io.autorecovery.detector.config.DetectorConfig;
import io.autorecovery.detector.ingest.IntakeResult.Rejection;
import io.autorecovery.detector.ingest.RecordAssembler.Assembled;
import io.quarkus.logging.Log;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Takes raw log lines from one source (HTTP, a log group, a file), plain text or one JSON object a
 * line, assembles stack traces into the records they belong to, and sends each record down the
 * same path as the records of {@code logs.raw}. A batch is assembled on its own: records still
 * open at its end are completed then.
 */
@ApplicationScoped
public class LogIntake {

    private final LogRecordRouter router;
    private final DetectorMetrics metrics;
    private final LineParser parser;
    private final DetectorConfig.Intake limits;

    LogIntake(LogRecordRouter router, DetectorMetrics metrics, DetectorConfig config) {
        this.router = router;
        this.metrics = metrics;
        this.limits = config.intake();
        // A plain line longer than a whole record is cut to a record's length.
        this.parser = new LineParser(limits.maxLineChars(), Math.min(limits.maxLineChars(), limits.maxRecordChars()));
    }

    /**
     * Handles a batch of lines; {@code defaultService} names the service of every line that does
     * not name its own. Lines that cannot be read are skipped and logged; every other line is
     * handled. Throws {@link DetectorUnavailableException} when Redis or the broker fails, so that
     * the caller keeps its position and offers the batch again (records handled before the failure
     * are then counted twice), and {@link IllegalArgumentException} for an invalid default service.
     */
    public void acceptLines(String defaultService, List<String> lines) {
        IntakeResult result = accept(defaultService, lines);
        if (result.rejected() > 0) {
            Log.warnf(
                    "%d of %d lines for %s were refused; first: line %d, %s",
                    result.rejected(),
                    result.lines(),
                    defaultService,
                    result.rejections().get(0).line(),
                    result.rejections().get(0).reason());
        }
    }

    /** Handles a batch of lines as {@link #acceptLines} does, and says what became of them. */
    public IntakeResult accept(String defaultService, List<String> lines) {
        FaultSignal.serviceNameProblem(defaultService).ifPresent(problem -> {
            throw new IllegalArgumentException("default service " + problem);
        });
        Batch batch = new Batch(lines.size());
        RecordAssembler<Integer> assembler = new RecordAssembler<>(limits.maxRecordLines(), limits.maxRecordChars());
        Instant receivedAt = Instant.now();
        int number = 0;
        for (String line : lines) {
            number++;
            ParsedLine parsed = parse(line, defaultService, number, batch);
            if (parsed != null) {
                batch.route(assembler.add(parsed, number, receivedAt, number));
            }
        }
        batch.route(assembler.flush());

        return batch.result();
    }

    private ParsedLine parse(String line, String defaultService, int number, Batch batch) {
        String text = line == null ? "" : line;
        try {
            if (parser.cuts(text)) {
                batch.cut();
            }
            return parser.parse(text, defaultService);
        } catch (RejectedLineException e) {
            batch.reject(number, e.getMessage());
            metrics.lineRead(DetectorMetrics.LineOutcome.REJECTED);
            return null;
        }
    }

    /** The counts of one batch as it is handled. */
    private final class Batch {

        private final int lines;
        private final List<Rejection> rejections = new ArrayList<>();
        private int records;
        private int faults;
        private int breadcrumbs;
        private int rejected;
        private int truncated;

        Batch(int lines) {
            this.lines = lines;
        }

        void route(List<Assembled<Integer>> completed) {
            for (Assembled<Integer> assembled : completed) {
                if (assembled.record() == null) {
                    continue;
                }
                RecordOutcome outcome = router.route(assembled.record());
                records++;
                truncated += assembled.truncated() ? 1 : 0;
                if (outcome == RecordOutcome.FAULT) {
                    faults++;
                } else {
                    breadcrumbs++;
                }
                metrics.lineRead(
                        DetectorMetrics.LineOutcome.ACCEPTED,
                        assembled.sources().size());
            }
        }

        void cut() {
            truncated++;
        }

        void reject(int line, String reason) {
            rejected++;
            if (rejections.size() < IntakeResult.MAX_NAMED_REJECTIONS) {
                rejections.add(new Rejection(line, reason));
            }
        }

        IntakeResult result() {
            return new IntakeResult(lines, records, faults, breadcrumbs, rejected, truncated, rejections);
        }
    }
}
