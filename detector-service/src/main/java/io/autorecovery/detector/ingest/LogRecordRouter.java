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
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
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
     * fingerprints, and the batch's Redis calls, built in record order. The lines of a service
     * before one of its faults are kept as breadcrumbs by the same call that records the fault, so
     * that the fault carries them; the other lines are kept by one call at the end of the batch.
     * Only as many lines of each service as are kept travel: the older ones would be trimmed at once.
     * Batches must then be sent with {@link #send} in the order they were prepared.
     */
    public PreparedBatch prepareAll(List<LogRecord> records) {
        Routed[] routed = new Routed[records.size()];
        List<Request> calls = new ArrayList<>();
        calls.add(signatures.loadScript());
        calls.add(breadcrumbs.loadScript());
        Map<Integer, Fault> faults = new LinkedHashMap<>();
        Map<String, ArrayDeque<LogRecord>> lines = new LinkedHashMap<>();
        int kept = config.breadcrumbs().count();
        for (int i = 0; i < records.size(); i++) {
            LogRecord record = records.get(i);
            if (!LogLevels.isFault(record.level())) {
                if (kept > 0) {
                    ArrayDeque<LogRecord> latest =
                            lines.computeIfAbsent(record.service(), service -> new ArrayDeque<>(kept));
                    if (latest.size() == kept) {
                        latest.removeFirst();
                    }
                    latest.addLast(record);
                }
                routed[i] = Routed.BREADCRUMB;
                continue;
            }
            try {
                Prepared fault = detector.prepare(toSignal(record));
                ArrayDeque<LogRecord> before = lines.remove(record.service());
                faults.put(i, new Fault(fault, calls.size()));
                calls.add(signatures.recordRequest(
                        fault.fingerprint(),
                        fault.signal(),
                        fault.template(),
                        fault.sample(),
                        fault.stackJson(),
                        before == null ? List.of() : breadcrumbsOf(before)));
            } catch (RuntimeException e) {
                routed[i] = Routed.failed(e);
            }
        }
        List<Breadcrumb> rest = new ArrayList<>();
        lines.forEach(
                (service, latest) -> latest.forEach(line -> rest.add(new Breadcrumb(service, breadcrumbOf(line)))));
        breadcrumbs.rememberRequest(rest).ifPresent(calls::add);
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

    private List<String> breadcrumbsOf(ArrayDeque<LogRecord> records) {
        List<String> lines = new ArrayList<>(records.size());
        records.forEach(record -> lines.add(breadcrumbOf(record)));
        return lines;
    }

    private String breadcrumbOf(LogRecord record) {
        String line = record.level() == null || record.level().isBlank()
                ? record.message()
                : record.level().strip() + " " + record.message();

        return SampleText.truncate(line, config.samples().maxLength());
    }
}
