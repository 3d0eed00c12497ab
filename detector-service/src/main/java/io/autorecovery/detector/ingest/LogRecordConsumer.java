package io.autorecovery.detector.ingest;

import io.autorecovery.contracts.EventJson;
import io.autorecovery.contracts.LogRecord;
import io.autorecovery.contracts.MalformedEventException;
import io.autorecovery.contracts.Topics;
import io.autorecovery.detector.DetectorMetrics;
import io.autorecovery.detector.DetectorMetrics.RecordOutcome;
import io.autorecovery.detector.DetectorUnavailableException;
import io.autorecovery.detector.FaultDetector;
import io.autorecovery.detector.FaultSignal;
import io.autorecovery.detector.SampleText;
import io.autorecovery.detector.classify.FaultClassifier;
import io.autorecovery.detector.config.DetectorConfig;
import io.autorecovery.detector.store.BreadcrumbStore;
import io.quarkus.logging.Log;
import io.smallrye.common.annotation.Blocking;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.temporal.ChronoUnit;
import java.util.concurrent.CompletionStage;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.eclipse.microprofile.reactive.messaging.Message;

/**
 * Reads {@code logs.raw}: error records go down the detection path, the others are kept as
 * breadcrumbs. A record that cannot be read, or not be handled for want of Redis or the broker,
 * is rejected and so lands on {@code logs.raw.dlq} with the reason in its headers.
 */
@ApplicationScoped
public class LogRecordConsumer {

    private final FaultDetector detector;
    private final BreadcrumbStore breadcrumbs;
    private final DetectorMetrics metrics;
    private final DetectorConfig config;

    LogRecordConsumer(
            FaultDetector detector, BreadcrumbStore breadcrumbs, DetectorMetrics metrics, DetectorConfig config) {
        this.detector = detector;
        this.breadcrumbs = breadcrumbs;
        this.metrics = metrics;
        this.config = config;
    }

    @Incoming(Topics.LOGS_RAW)
    @Blocking
    public CompletionStage<Void> consume(Message<String> message) {
        try {
            handle(message.getPayload());
            return message.ack();
        } catch (MalformedEventException e) {
            metrics.recordRead(RecordOutcome.MALFORMED);
            Log.warnf("Unreadable record on %s goes to its dead-letter topic: %s", Topics.LOGS_RAW, e.getMessage());
            return message.nack(e);
        } catch (DetectorUnavailableException e) {
            Log.warnf("Record on %s goes to its dead-letter topic unprocessed: %s", Topics.LOGS_RAW, e.getMessage());
            return message.nack(e);
        }
    }

    private void handle(String json) {
        LogRecord record = read(json);

        if (LogLevels.isFault(record.level())) {
            detector.detect(toSignal(record));
            metrics.recordRead(RecordOutcome.FAULT);
        } else {
            breadcrumbs.remember(record.service(), breadcrumbOf(record));
            metrics.recordRead(RecordOutcome.BREADCRUMB);
        }
    }

    private static LogRecord read(String json) {
        LogRecord record = EventJson.read(json, LogRecord.class);
        FaultSignal.serviceNameProblem(record.service()).ifPresent(problem -> {
            throw new MalformedEventException("invalid LogRecord: service " + problem);
        });

        return record;
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
