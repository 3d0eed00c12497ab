package io.autorecovery.detector.ingest;

import io.autorecovery.contracts.EventJson;
import io.autorecovery.contracts.LogRecord;
import io.autorecovery.contracts.MalformedEventException;
import io.autorecovery.contracts.Topics;
import io.autorecovery.detector.DetectorMetrics;
import io.autorecovery.detector.DetectorMetrics.RecordOutcome;
import io.autorecovery.detector.FaultSignal;
import io.autorecovery.detector.config.DetectorConfig;
import io.autorecovery.detector.ingest.RecordAssembler.Assembled;
import io.quarkus.logging.Log;
import io.smallrye.common.annotation.Blocking;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.eclipse.microprofile.reactive.messaging.Message;

/**
 * Reads {@code logs.raw}: error records go down the detection path, the others are kept as
 * breadcrumbs. A shipper may send a stack trace as records of its own, one line each: such
 * continuation records join the record before them of the same service (and thread), which waits
 * for them up to {@code detector.intake.assembly-wait}; a record is acknowledged only once the
 * record it joined is handled. A record that cannot be read, or not be handled for want of Redis
 * or the broker, is rejected and so lands on {@code logs.raw.dlq} with the reason in its headers.
 */
@ApplicationScoped
public class LogRecordConsumer {

    private final LogRecordRouter router;
    private final DetectorMetrics metrics;
    private final RecordAssembler<Message<String>> assembler;
    private final long waitNanos;
    private final long maxOpenNanos;
    private final ScheduledExecutorService flusher;

    LogRecordConsumer(LogRecordRouter router, DetectorMetrics metrics, DetectorConfig config) {
        this.router = router;
        this.metrics = metrics;
        DetectorConfig.Intake limits = config.intake();
        this.assembler = new RecordAssembler<>(limits.maxRecordLines(), limits.maxRecordChars());
        this.waitNanos = limits.assemblyWait().toNanos();
        // A trace that never stops arriving is still handled, and its records acknowledged, in time.
        this.maxOpenNanos = Math.max(TimeUnit.SECONDS.toNanos(5), 10 * waitNanos);
        long period = Math.max(20, limits.assemblyWait().toMillis() / 4);
        this.flusher = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "logs-raw-assembly");
            thread.setDaemon(true);
            return thread;
        });
        flusher.scheduleWithFixedDelay(this::flushIdle, period, period, TimeUnit.MILLISECONDS);
    }

    @Incoming(Topics.LOGS_RAW)
    @Blocking
    public CompletionStage<Void> consume(Message<String> message) {
        LogRecord record;
        try {
            record = read(message.getPayload());
        } catch (MalformedEventException e) {
            metrics.recordRead(RecordOutcome.MALFORMED);
            Log.warnf("Unreadable record on %s goes to its dead-letter topic: %s", Topics.LOGS_RAW, e.getMessage());
            return message.nack(e);
        }
        synchronized (assembler) {
            handle(assembler.add(toLine(record), message, record.occurredAt(), System.nanoTime()));
        }
        // Acknowledged once the record it belongs to is handled, which may be after this returns.
        return CompletableFuture.completedFuture(null);
    }

    /** Records still waiting for continuations stay unacknowledged, so a restart reads them again. */
    @PreDestroy
    void stop() {
        flusher.shutdownNow();
    }

    private void flushIdle() {
        try {
            synchronized (assembler) {
                if (!assembler.isEmpty()) {
                    long now = System.nanoTime();
                    handle(assembler.flushIdle(now - waitNanos, now - maxOpenNanos));
                }
            }
        } catch (RuntimeException e) {
            Log.warnf("Assembling records of %s failed, will retry: %s", Topics.LOGS_RAW, e.getMessage());
        }
    }

    private void handle(List<Assembled<Message<String>>> completed) {
        for (Assembled<Message<String>> assembled : completed) {
            if (assembled.record() == null) {
                assembled.sources().forEach(Message::ack);
                continue;
            }
            try {
                metrics.recordRead(router.route(assembled.record()));
                assembled.sources().forEach(Message::ack);
            } catch (RuntimeException e) {
                // Redis or the broker failed (DetectorUnavailableException), or the record could not
                // be handled at all: its records are settled either way, on the dead-letter topic.
                Log.warnf(
                        "Record on %s goes to its dead-letter topic unprocessed: %s", Topics.LOGS_RAW, e.getMessage());
                assembled.sources().forEach(source -> source.nack(e));
            }
        }
    }

    /** A record without level or stack trace whose message is a stack line continues the one before. */
    private static ParsedLine toLine(LogRecord record) {
        boolean noLevel = record.level() == null || record.level().isBlank();
        if (noLevel && record.stackTrace() == null && StackLines.isContinuation(record.message())) {
            return ParsedLine.continuationOf(record.service(), record.thread(), record.message());
        }
        return new ParsedLine(
                record.service(),
                noLevel && record.stackTrace() == null ? null : record.occurredAt(),
                noLevel ? null : record.level(),
                record.message(),
                record.logger(),
                record.thread(),
                record.traceId(),
                record.stackTrace(),
                false);
    }

    private static LogRecord read(String json) {
        LogRecord record = EventJson.read(json, LogRecord.class);
        FaultSignal.serviceNameProblem(record.service()).ifPresent(problem -> {
            throw new MalformedEventException("invalid LogRecord: service " + problem);
        });

        return record;
    }
}
