package io.autorecovery.detector.ingest;

import io.autorecovery.contracts.LogRecord;
import io.autorecovery.contracts.MalformedEventException;
import io.autorecovery.contracts.Topics;
import io.autorecovery.detector.DetectorMetrics;
import io.autorecovery.detector.DetectorMetrics.RecordOutcome;
import io.autorecovery.detector.FaultSignal;
import io.autorecovery.detector.config.DetectorConfig;
import io.autorecovery.detector.ingest.LogRecordRouter.PreparedBatch;
import io.autorecovery.detector.ingest.LogRecordRouter.Routed;
import io.autorecovery.detector.ingest.RecordAssembler.Assembled;
import io.quarkus.logging.Log;
import io.quarkus.runtime.ShutdownEvent;
import io.vertx.mutiny.redis.client.Response;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Handles the records of {@code logs.raw}, which {@link LogsRawReader} hands over a poll at a time:
 * error records go down the detection path, the others are kept as breadcrumbs. A shipper may send
 * a stack trace as records of its own, one line each: such continuation records join the record
 * before them of the same service (and thread), which waits for them up to {@code
 * detector.intake.assembly-wait} without holding up the records after it. Records are read as they
 * arrive, assembled and prepared in batches by one thread, and recorded by another (one pipeline of
 * Redis calls per batch, events sent together), so that one batch is prepared while the one before
 * it waits for Redis and the broker. A delivery is settled only once the record it joined is
 * handled; one that cannot be read, or not be handled for want of Redis or the broker, is rejected
 * with the reason, which puts it on {@code logs.raw.dlq}.
 */
@ApplicationScoped
public class LogRecordConsumer {

    /** Records handled together; more wait in the queue for the next batch. */
    static final int BATCH_SIZE = 1000;

    /** Records waiting to be handled before reading pauses. */
    static final int MAX_QUEUED = 8 * BATCH_SIZE;

    private final LogRecordRouter router;
    private final DetectorMetrics metrics;
    private final RecordAssembler<Arrival> assembler;
    private final long waitNanos;
    private final long maxOpenNanos;
    private final ScheduledExecutorService flusher;
    private final BlockingQueue<Arrival> arrived = new LinkedBlockingQueue<>();
    private final BlockingQueue<Assembled<Arrival>> completed = new LinkedBlockingQueue<>();
    private final long pollMillis;
    private final Thread handler;
    private final Thread recorder;

    /**
     * Batches prepared and sent to Redis by the handling thread, waiting for their replies and the
     * recording thread: at most four.
     */
    private final BlockingQueue<Handoff> prepared = new ArrayBlockingQueue<>(4);

    private volatile boolean stopping;

    LogRecordConsumer(LogRecordRouter router, DetectorMetrics metrics, DetectorConfig config) {
        this.router = router;
        this.metrics = metrics;
        DetectorConfig.Intake limits = config.intake();
        this.assembler = new RecordAssembler<>(limits.maxRecordLines(), limits.maxRecordChars());
        this.waitNanos = limits.assemblyWait().toNanos();
        // A trace that never stops arriving is still handled, and its records acknowledged, in time.
        this.maxOpenNanos = Math.max(TimeUnit.SECONDS.toNanos(5), 10 * waitNanos);
        long period = Math.max(20, limits.assemblyWait().toMillis() / 4);
        this.pollMillis = period;
        this.flusher = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "logs-raw-assembly");
            thread.setDaemon(true);
            return thread;
        });
        flusher.scheduleWithFixedDelay(this::flushIdle, period, period, TimeUnit.MILLISECONDS);
        this.handler = new Thread(this::handleBatches, "logs-raw-handler");
        handler.setDaemon(true);
        handler.start();
        this.recorder = new Thread(this::recordBatches, "logs-raw-recorder");
        recorder.setDaemon(true);
        recorder.start();
    }

    /**
     * Reads the records as they arrived (on the caller's thread) and queues them: the handling
     * thread assembles and prepares them, the recording thread records them, and each delivery is
     * then settled, or rejected with the reason. Answers whether more records may come now; once it
     * answers false, the caller should wait until {@link #hasRoom} before offering more.
     */
    public boolean accept(List<? extends Delivery> deliveries) {
        for (Delivery delivery : deliveries) {
            arrived.add(Arrival.read(delivery));
        }
        return arrived.size() < MAX_QUEUED;
    }

    /** Whether the records waiting to be handled are few enough for reading to go on. */
    public boolean hasRoom() {
        return arrived.size() < MAX_QUEUED / 2;
    }

    /**
     * A record as it arrived and what reading it gave: the log record, or why it is not one. Records
     * are read as they arrive, on the reading thread, so that the handling thread only assembles and
     * prepares them.
     */
    private record Arrival(Delivery delivery, LogRecord record, RuntimeException unreadable) {

        static Arrival read(Delivery delivery) {
            try {
                return new Arrival(delivery, LogRecordConsumer.read(delivery.payload()), null);
            } catch (RuntimeException e) {
                return new Arrival(delivery, null, e);
            }
        }

        void ack() {
            delivery.settle();
        }

        void reject(Throwable reason) {
            delivery.reject(reason);
        }
    }

    /**
     * Stops handling as the service shuts down, before Redis and the broker clients close: records
     * still waiting for continuations or handling stay unacknowledged, so a restart reads them again.
     */
    void stop(@Observes ShutdownEvent event) {
        stopping = true;
        flusher.shutdownNow();
        handler.interrupt();
        recorder.interrupt();
    }

    private void flushIdle() {
        try {
            synchronized (assembler) {
                if (!assembler.isEmpty()) {
                    long now = System.nanoTime();
                    completed.addAll(assembler.flushIdle(now - waitNanos, now - maxOpenNanos));
                }
            }
        } catch (RuntimeException e) {
            Log.warnf("Assembling records of %s failed, will retry: %s", Topics.LOGS_RAW, e.getMessage());
        }
    }

    private void handleBatches() {
        List<Arrival> messages = new ArrayList<>(BATCH_SIZE);
        List<Assembled<Arrival>> batch = new ArrayList<>(BATCH_SIZE);
        while (!Thread.currentThread().isInterrupted()) {
            try {
                Arrival first = arrived.poll(pollMillis, TimeUnit.MILLISECONDS);
                if (first != null) {
                    messages.add(first);
                    arrived.drainTo(messages, BATCH_SIZE - 1);
                }
                // Records flushed while waiting for continuations are older than those just read.
                completed.drainTo(batch);
                assemble(messages, batch);
                prepare(batch);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } catch (RuntimeException e) {
                Log.warnf("Handling records of %s failed: %s", Topics.LOGS_RAW, e.getMessage());
                batch.forEach(assembled -> reject(assembled, e));
            } finally {
                messages.clear();
                batch.clear();
            }
        }
    }

    /** An unreadable record is rejected, the others join the assembly. */
    private void assemble(List<Arrival> messages, List<Assembled<Arrival>> batch) {
        for (Arrival message : messages) {
            LogRecord record = message.record();
            if (record == null) {
                rejectUnread(message);
                continue;
            }
            try {
                synchronized (assembler) {
                    batch.addAll(assembler.add(toLine(record), message, record.occurredAt(), System.nanoTime()));
                }
            } catch (RuntimeException e) {
                rejectUnassembled(message, e);
            }
        }
    }

    private void rejectUnread(Arrival message) {
        if (message.unreadable() instanceof MalformedEventException e) {
            metrics.recordRead(RecordOutcome.MALFORMED);
            Log.warnf("Unreadable record on %s goes to its dead-letter topic: %s", Topics.LOGS_RAW, e.getMessage());
            message.reject(e);
        } else {
            rejectUnassembled(message, message.unreadable());
        }
    }

    private static void rejectUnassembled(Arrival message, RuntimeException e) {
        Log.warnf("Record on %s goes to its dead-letter topic unassembled: %s", Topics.LOGS_RAW, e.getMessage());
        message.reject(e);
    }

    /** A sent batch, its replies to come, and the assembled records it was prepared from, in the same order. */
    private record Handoff(
            List<Assembled<Arrival>> records, PreparedBatch batch, CompletableFuture<List<Response>> replies) {}

    /**
     * Does the batch's work that needs neither Redis nor the broker, sends its Redis calls and hands
     * it to the recording thread, so that the next batches are read, prepared and sent while this
     * one waits for Redis and the broker. Batches are sent and recorded in the order they were
     * prepared.
     */
    private void prepare(List<Assembled<Arrival>> batch) throws InterruptedException {
        List<Assembled<Arrival>> records = new ArrayList<>(batch.size());
        for (Assembled<Arrival> assembled : batch) {
            if (assembled.record() == null) {
                assembled.sources().forEach(Arrival::ack);
            } else {
                records.add(assembled);
            }
        }
        if (!records.isEmpty()) {
            PreparedBatch work =
                    router.prepareAll(records.stream().map(Assembled::record).toList());
            prepared.put(new Handoff(records, work, router.send(work)));
        }
    }

    private void recordBatches() {
        while (!Thread.currentThread().isInterrupted()) {
            Handoff handoff;
            try {
                handoff = prepared.take();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
            try {
                List<Routed> routed = router.recordAll(handoff.batch(), handoff.replies());
                for (int i = 0; i < routed.size(); i++) {
                    settle(handoff.records().get(i), routed.get(i));
                }
            } catch (RuntimeException e) {
                Log.warnf("Recording records of %s failed: %s", Topics.LOGS_RAW, e.getMessage());
                handoff.records().forEach(assembled -> reject(assembled, e));
            }
        }
    }

    private void settle(Assembled<Arrival> assembled, Routed routed) {
        if (routed.failure() == null) {
            metrics.recordRead(routed.outcome());
            assembled.sources().forEach(Arrival::ack);
            return;
        }
        // Redis or the broker failed (DetectorUnavailableException), or the record could not be
        // handled at all: its records are settled either way, on the dead-letter topic.
        Log.warnf(
                "Record on %s goes to its dead-letter topic unprocessed: %s",
                Topics.LOGS_RAW, routed.failure().getMessage());
        reject(assembled, routed.failure());
    }

    private void reject(Assembled<Arrival> assembled, RuntimeException failure) {
        if (stopping) {
            // The clients are closing under the batch: left unacknowledged, it is read again.
            return;
        }
        for (Arrival source : assembled.sources()) {
            try {
                source.reject(failure);
            } catch (RuntimeException e) {
                Log.warnf("Record on %s could not be rejected: %s", Topics.LOGS_RAW, e.getMessage());
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

    private static LogRecord read(byte[] json) {
        if (json == null) {
            throw new MalformedEventException("invalid LogRecord: the record has no value");
        }
        LogRecord record = LogRecordJson.read(json);
        FaultSignal.serviceNameProblem(record.service()).ifPresent(problem -> {
            throw new MalformedEventException("invalid LogRecord: service " + problem);
        });

        return record;
    }
}
