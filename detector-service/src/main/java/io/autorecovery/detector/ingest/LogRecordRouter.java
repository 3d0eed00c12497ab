package io.autorecovery.detector.ingest;

import io.autorecovery.contracts.LogRecord;
import io.autorecovery.detector.DetectorMetrics.RecordOutcome;
import io.autorecovery.detector.DetectorUnavailableException;
import io.autorecovery.detector.FaultDetector;
import io.autorecovery.detector.FaultSignal;
import io.autorecovery.detector.SampleText;
import io.autorecovery.detector.classify.FaultClassifier;
import io.autorecovery.detector.config.DetectorConfig;
import io.autorecovery.detector.store.BreadcrumbStore;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.temporal.ChronoUnit;

/**
 * The one path of a log record, whatever its source: a fault goes down the detection path, any
 * other record is kept as a breadcrumb of its service.
 */
@ApplicationScoped
public class LogRecordRouter {

    private final FaultDetector detector;
    private final BreadcrumbStore breadcrumbs;
    private final DetectorConfig config;

    LogRecordRouter(FaultDetector detector, BreadcrumbStore breadcrumbs, DetectorConfig config) {
        this.detector = detector;
        this.breadcrumbs = breadcrumbs;
        this.config = config;
    }

    /** Handles one record; throws {@link DetectorUnavailableException} when Redis or the broker fails. */
    public RecordOutcome route(LogRecord record) {
        if (LogLevels.isFault(record.level())) {
            detector.detect(toSignal(record));
            return RecordOutcome.FAULT;
        }
        breadcrumbs.remember(record.service(), breadcrumbOf(record));

        return RecordOutcome.BREADCRUMB;
    }

    private static FaultSignal toSignal(LogRecord record) {
        return new FaultSignal(
                record.service(),
                FaultClassifier.classify(record.message(), record.stackTrace()),
                record.message(),
                null,
                record.stackTrace(),
                record.occurredAt().truncatedTo(ChronoUnit.MILLIS));
    }

    private String breadcrumbOf(LogRecord record) {
        String line = record.level() == null || record.level().isBlank()
                ? record.message()
                : record.level().strip() + " " + record.message();

        return SampleText.truncate(line, config.samples().maxLength());
    }
}
