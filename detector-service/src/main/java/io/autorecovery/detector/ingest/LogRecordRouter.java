package io.autorecovery.detector.ingest;

import io.autorecovery.contracts.LogRecord;
import io.autorecovery.detector.DetectorMetrics.RecordOutcome;
import io.autorecovery.detector.DetectorUnavailableException;
import io.autorecovery.detector.FaultDetector;
import io.autorecovery.detector.FaultDetector.PendingDetection;
import io.autorecovery.detector.FaultDetector.Prepared;
import io.autorecovery.detector.FaultSignal;
import io.autorecovery.detector.SampleText;
import io.autorecovery.detector.classify.FaultClassifier;
import io.autorecovery.detector.config.DetectorConfig;
import io.autorecovery.detector.store.BreadcrumbStore;
import io.autorecovery.detector.store.BreadcrumbStore.Breadcrumb;
import io.autorecovery.detector.store.Occurrence;
import io.autorecovery.detector.store.RedisPipeline;
import io.autorecovery.detector.store.SignatureStore;
import io.autorecovery.detector.store.TemplateStore;
import io.vertx.mutiny.redis.client.Request;
import io.vertx.mutiny.redis.client.Response;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

/**
 * The one path of a log record, whatever its source: a fault goes down the detection path, any
 * other record is kept as a breadcrumb of its service.
 */
@ApplicationScoped
public class LogRecordRouter {

    private final FaultDetector detector;
    private final BreadcrumbStore breadcrumbs;
    private final SignatureStore signatures;
    private final RedisPipeline pipeline;
    private final TemplateStore templates;
    private final DetectorConfig config;

    LogRecordRouter(
            FaultDetector detector,
            BreadcrumbStore breadcrumbs,
            SignatureStore signatures,
            RedisPipeline pipeline,
            TemplateStore templates,
            DetectorConfig config) {
        this.detector = detector;
        this.breadcrumbs = breadcrumbs;
        this.signatures = signatures;
        this.pipeline = pipeline;
        this.templates = templates;
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

    /**
     * The work of a batch that needs neither Redis nor the broker: templates, stack signatures,
     * fingerprints, and the batch's Redis calls, built in record order. The breadcrumbs before a
     * fault are kept ahead of it, so that the fault carries them. Batches must then be sent with
     * {@link #send} in the order they were prepared.
     */
    public PreparedBatch prepareAll(List<LogRecord> records) {
        Routed[] routed = new Routed[records.size()];
        List<Request> calls = new ArrayList<>();
        Map<Integer, Fault> faults = new LinkedHashMap<>();
        List<LogRecord> lines = new ArrayList<>();
        for (int i = 0; i < records.size(); i++) {
            LogRecord record = records.get(i);
            if (!LogLevels.isFault(record.level())) {
                lines.add(record);
                routed[i] = Routed.BREADCRUMB;
                continue;
            }
            try {
                Prepared fault = detector.prepare(toSignal(record));
                breadcrumbs.rememberRequest(latestOfEachService(lines)).ifPresent(calls::add);
                lines.clear();
                faults.put(i, new Fault(fault, calls.size()));
                calls.add(signatures.recordRequest(
                        fault.fingerprint(), fault.signal(), fault.template(), fault.sample(), fault.stack()));
            } catch (RuntimeException e) {
                routed[i] = Routed.failed(e);
            }
        }
        breadcrumbs.rememberRequest(latestOfEachService(lines)).ifPresent(calls::add);
        List<Request> templateChanges = templates.takeUnsaved();
        calls.addAll(templateChanges);

        return new PreparedBatch(routed, calls, faults, templateChanges);
    }

    /**
     * Sends a prepared batch's Redis calls in one pipeline, without waiting for the replies: batches
     * sent one after another run in Redis in that order. {@link #recordAll} then takes the replies.
     */
    public CompletableFuture<List<Response>> send(PreparedBatch batch) {
        return pipeline.send("handle " + batch.routed().length + " records", batch.calls());
    }

    /**
     * Takes the replies to a sent batch, decides on its faults and waits for the broker to take
     * their events, once for the batch. Returns, for each record, its outcome or what kept it from
     * being handled.
     */
    public List<Routed> recordAll(PreparedBatch batch, CompletableFuture<List<Response>> sent) {
        Routed[] routed = batch.routed();
        List<Response> replies;
        try {
            replies = sent.join();
        } catch (CompletionException e) {
            RuntimeException failure = e.getCause() instanceof RuntimeException cause ? cause : e;
            templates.putBack(batch.templateChanges());
            Arrays.fill(routed, Routed.failed(failure));
            return List.of(routed);
        }
        decide(batch.faults(), replies, routed);

        return List.of(routed);
    }

    /** A batch ready to be recorded: outcomes known so far, Redis calls, and where each fault's reply is. */
    public record PreparedBatch(
            Routed[] routed, List<Request> calls, Map<Integer, Fault> faults, List<Request> templateChanges) {}

    /** A fault of a batch and where its reply is among the replies of the batch's Redis calls. */
    record Fault(Prepared prepared, int reply) {}

    private void decide(Map<Integer, Fault> faults, List<Response> replies, Routed[] routed) {
        List<Integer> indexes = new ArrayList<>(faults.size());
        List<PendingDetection> pending = new ArrayList<>(faults.size());
        for (Map.Entry<Integer, Fault> fault : faults.entrySet()) {
            try {
                Occurrence occurrence =
                        SignatureStore.occurrenceOf(replies.get(fault.getValue().reply()));
                pending.add(detector.decide(fault.getValue().prepared(), occurrence));
                indexes.add(fault.getKey());
            } catch (RuntimeException e) {
                routed[fault.getKey()] = Routed.failed(e);
            }
        }
        List<RuntimeException> failures = detector.finishAll(pending);
        for (int i = 0; i < indexes.size(); i++) {
            RuntimeException failure = failures.get(i);
            routed[indexes.get(i)] = failure == null ? new Routed(RecordOutcome.FAULT, null) : Routed.failed(failure);
        }
    }

    /**
     * The breadcrumbs of the records, in their order, but only as many of each service as are kept:
     * the older ones would be trimmed at once, so they are neither written out nor sent.
     */
    private List<Breadcrumb> latestOfEachService(List<LogRecord> records) {
        int count = config.breadcrumbs().count();
        if (count == 0 || records.isEmpty()) {
            return List.of();
        }
        Map<String, int[]> taken = new HashMap<>();
        List<Breadcrumb> latest = new ArrayList<>();
        for (int i = records.size() - 1; i >= 0; i--) {
            LogRecord record = records.get(i);
            if (++taken.computeIfAbsent(record.service(), service -> new int[1])[0] <= count) {
                latest.add(new Breadcrumb(record.service(), breadcrumbOf(record)));
            }
        }
        Collections.reverse(latest);
        return latest;
    }

    /** What became of one record of a batch: its outcome, or the failure that kept it unhandled. */
    public record Routed(RecordOutcome outcome, RuntimeException failure) {

        static final Routed BREADCRUMB = new Routed(RecordOutcome.BREADCRUMB, null);

        static Routed failed(RuntimeException failure) {
            return new Routed(null, failure);
        }
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
