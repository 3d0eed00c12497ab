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
import io.smallrye.reactive.messaging.kafka.KafkaRecord;
import io.smallrye.reactive.messaging.kafka.KafkaRecordBatch;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.eclipse.microprofile.reactive.messaging.Message;

/**
 * Reads {@code logs.raw}: error records go down the detection path, the others are kept as
 * breadcrumbs. A shipper may send a stack trace as records of its own, one line each: such
 * continuation records join the record before them of the same service (and thread), which waits
 * for them up to {@code detector.intake.assembly-wait} without holding up the records after it.
 * Records are read as they arrive, assembled and prepared in batches by one thread, and recorded
 * by another (one pipeline of Redis calls per batch, events sent together), so that one batch is
 * prepared while the one before it waits for Redis and the broker; a record is acknowledged only
 * once the record it joined is handled. A record that cannot be read, or not be handled for want
 * of Redis or the broker, is rejected and so lands on {@code logs.raw.dlq} with the reason in its
 * headers.
 *
 * <p>A poll is acknowledged as a whole, once each of its records is handled or on the dead-letter
 * topic: the committed offset never passes a record that still waits for its continuations or for
 * the handling thread, so a restart reads it again.
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

    /** Batches prepared by the handling thread, waiting for the recording thread: at most two. */
    private final BlockingQueue<Handoff> prepared = new ArrayBlockingQueue<>(2);

    private CompletableFuture<Void> room = CompletableFuture.completedFuture(null);
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
     * Reads the records of a poll (or one record, from a connector without batches), queues them and
     * returns: the handling thread assembles and prepares them, the recording thread records them.
     * A record that cannot be handled is rejected to the dead-letter topic on its own; the poll is
     * acknowledged once all of its records are settled. The returned stage completes later only
     * when too many records wait, which pauses reading.
     */
    @Incoming(Topics.LOGS_RAW)
    public CompletionStage<Void> consume(Message<?> message) {
        if (message instanceof KafkaRecordBatch<?, ?> batch) {
            Poll poll = new Poll(
                    message,
                    batch.getLatestOffsetRecords().values(),
                    batch.getRecords().size());
            for (KafkaRecord<?, ?> record : batch) {
                arrived.add(Arrival.read(text(record), poll));
            }
        } else {
            arrived.add(Arrival.read(text(message), new Poll(message, List.of(message), 1)));
        }
        // Acknowledged once its records are handled, which is after this returns.
        return roomInQueue();
    }

    /**
     * One poll's records, or one record from a connector without batches: acknowledged once every
     * record is settled. Only the last record of each partition in a poll counts for the commit, and
     * sending a record to the dead-letter topic commits it: such a record is therefore rejected only
     * once all the others of its poll are settled, so that the commit never passes one still being
     * handled. A record on its own that was rejected is not acknowledged as well.
     */
    private static final class Poll {
        private final Message<?> whole;
        private final Set<Message<?>> committing;
        private final AtomicInteger unsettled;
        private final List<Rejection> held = new ArrayList<>(1);

        Poll(Message<?> whole, Collection<? extends Message<?>> committing, int records) {
            this.whole = whole;
            this.committing = Collections.newSetFromMap(new IdentityHashMap<>());
            this.committing.addAll(committing);
            this.unsettled = new AtomicInteger(records);
        }

        void settled() {
            if (unsettled.decrementAndGet() == 0) {
                finish();
            }
        }

        void reject(Message<String> message, Throwable reason) {
            if (committing.contains(message)) {
                synchronized (held) {
                    held.add(new Rejection(message, reason));
                }
                settled();
            } else {
                send(message, reason).thenRun(this::settled);
            }
        }

        private void finish() {
            List<Rejection> rejections;
            synchronized (held) {
                rejections = List.copyOf(held);
            }
            CompletableFuture<?>[] sent = rejections.stream()
                    .map(rejection -> send(rejection.message(), rejection.reason()))
                    .toArray(CompletableFuture<?>[]::new);
            boolean rejectedWhole = rejections.stream().anyMatch(rejection -> rejection.message() == whole);
            CompletableFuture.allOf(sent).thenRun(() -> {
                if (!rejectedWhole) {
                    whole.ack();
                }
            });
        }

        /**
         * Sends the record to the dead-letter topic; completes once it is there, and never when that
         * fails: its poll then stays unacknowledged, so it is read again.
         */
        private static CompletableFuture<Void> send(Message<String> message, Throwable reason) {
            CompletableFuture<Void> sent = new CompletableFuture<>();
            message.nack(reason).whenComplete((ignored, failure) -> {
                if (failure == null) {
                    sent.complete(null);
                } else {
                    Log.errorf(
                            "Record on %s could not be sent to its dead-letter topic: %s",
                            Topics.LOGS_RAW, failure.getMessage());
                }
            });
            return sent;
        }

        private record Rejection(Message<String> message, Throwable reason) {}
    }

    /**
     * A record as it arrived, the poll it came with, and what reading it gave: the log record, or
     * why it is not one. Records are read as they arrive, on the connector's thread, so that the
     * handling thread only assembles and prepares them.
     */
    private record Arrival(Message<String> message, Poll poll, LogRecord record, RuntimeException unreadable) {

        static Arrival read(Message<String> message, Poll poll) {
            try {
                return new Arrival(message, poll, LogRecordConsumer.read(payloadOf(message)), null);
            } catch (RuntimeException e) {
                return new Arrival(message, poll, null, e);
            }
        }

        void ack() {
            poll.settled();
        }

        void reject(Throwable reason) {
            poll.reject(message, reason);
        }
    }

    /** The value deserializer makes every payload a string; anything else is refused when read. */
    @SuppressWarnings("unchecked")
    private static Message<String> text(Message<?> record) {
        return (Message<String>) record;
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

    private synchronized CompletionStage<Void> roomInQueue() {
        if (arrived.size() >= MAX_QUEUED && room.isDone()) {
            room = new CompletableFuture<>();
        }
        return room;
    }

    private synchronized void releaseReading() {
        if (arrived.size() < MAX_QUEUED / 2) {
            room.complete(null);
        }
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
                releaseReading();
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

    /** A prepared batch and the assembled records it was prepared from, in the same order. */
    private record Handoff(List<Assembled<Arrival>> records, PreparedBatch batch) {}

    /**
     * Does the batch's work that needs neither Redis nor the broker and hands it to the recording
     * thread, so that the next batch is read and prepared while this one waits for Redis and the
     * broker. Batches are recorded in the order they were prepared.
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
            prepared.put(new Handoff(records, work));
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
                List<Routed> routed = router.recordAll(handoff.batch());
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

    private static String payloadOf(Message<String> message) {
        Object payload = message.getPayload();
        if (payload instanceof String text) {
            return text;
        }
        throw new MalformedEventException("invalid LogRecord: the payload is not text");
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
        LogRecord record = LogRecordJson.read(json);
        FaultSignal.serviceNameProblem(record.service()).ifPresent(problem -> {
            throw new MalformedEventException("invalid LogRecord: service " + problem);
        });

        return record;
    }
}
