package io.autorecovery.detector;

import io.autorecovery.contracts.DetectionTrigger;
import io.autorecovery.contracts.FaultDetected;
import io.autorecovery.detector.config.DetectorConfig;
import io.autorecovery.detector.publish.FaultPublisher;
import io.autorecovery.detector.stack.RecentTraces;
import io.autorecovery.detector.stack.StackSignature;
import io.autorecovery.detector.stack.StackTraceReader;
import io.autorecovery.detector.store.Occurrence;
import io.autorecovery.detector.store.SignatureStore;
import io.autorecovery.detector.store.TemplateStore;
import io.autorecovery.detector.template.MinedTemplate;
import io.autorecovery.detector.template.TemplateMiner;
import io.quarkus.logging.Log;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * The detection path every fault occurrence takes, whatever its source: template, stack
 * signature, fingerprint, record, decide, and emit {@code faults.detected} when the signature is
 * new, bursts, or has regressed.
 */
@ApplicationScoped
public class FaultDetector {

    private final TemplateMiner templates;
    private final TemplateStore templateStore;
    private final SignatureStore signatures;
    private final FaultPublisher publisher;
    private final DetectorMetrics metrics;
    private final DetectorConfig config;

    /** The signatures of traces of at most 16 Ki characters, 4 Mi characters of traces in all. */
    private final RecentTraces<Optional<ReadStack>> stacks = new RecentTraces<>(4L * 1024 * 1024, 16 * 1024);

    FaultDetector(
            TemplateMiner templates,
            TemplateStore templateStore,
            SignatureStore signatures,
            FaultPublisher publisher,
            DetectorMetrics metrics,
            DetectorConfig config) {
        this.templates = templates;
        this.templateStore = templateStore;
        this.signatures = signatures;
        this.publisher = publisher;
        this.metrics = metrics;
        this.config = config;
    }

    /**
     * Records one occurrence and emits an event if it warrants one. Throws {@link
     * DetectorUnavailableException} when Redis or the broker fails; an event that could not be sent
     * is raised again by the next occurrence.
     */
    public Detection detect(FaultSignal signal) {
        return begin(signal).finish();
    }

    /**
     * Records one occurrence and starts sending its event if it warrants one, without waiting for the
     * broker: {@link PendingDetection#finish()} waits. Throws {@link DetectorUnavailableException}
     * when Redis fails.
     */
    public PendingDetection begin(FaultSignal signal) {
        Prepared prepared = prepare(signal);
        templateStore.saveNow();

        return decide(
                prepared,
                signatures.record(
                        prepared.fingerprint(), signal, prepared.template(), prepared.sample(), prepared.stackJson()));
    }

    /** Template, stack signature and fingerprint of an occurrence: what recording it takes. */
    public Prepared prepare(FaultSignal signal) {
        MinedTemplate template = templates.mine(signal.service(), signal.message());
        ReadStack read = stacks.of(signal.stackTrace(), this::readStack).orElse(null);
        StackSignature stack = read == null ? null : read.signature();
        Fingerprint fingerprint = stack != null
                ? Fingerprint.ofStack(signal.service(), stack)
                : Fingerprint.of(signal.service(), signal.faultClass(), template.id());
        String sample = SampleText.of(
                signal.message(), signal.stackTrace(), config.samples().maxLength());

        return new Prepared(signal, template, stack, read == null ? "" : read.json(), fingerprint, sample);
    }

    /**
     * An occurrence ready to be recorded.
     *
     * @param stackJson the stack signature as it is saved, empty when there is none
     */
    public record Prepared(
            FaultSignal signal,
            MinedTemplate template,
            StackSignature stack,
            String stackJson,
            Fingerprint fingerprint,
            String sample) {}

    /** A stack signature and its saved form, both worked out once for a trace seen again. */
    private record ReadStack(StackSignature signature, String json) {}

    private Optional<ReadStack> readStack(String stackTrace) {
        return StackTraceReader.read(stackTrace).map(stack -> new ReadStack(stack, signatures.stackJson(stack)));
    }

    /** Decides on a recorded occurrence and starts sending its event if it warrants one. */
    public PendingDetection decide(Prepared prepared, Occurrence occurrence) {
        Fingerprint fingerprint = prepared.fingerprint();
        FaultSignal signal = prepared.signal();
        Optional<DetectionTrigger> trigger = TriggerPolicy.decide(occurrence);
        if (trigger.isEmpty()) {
            Log.debugf("Fault %s of %s counted (%d so far)", fingerprint, signal.service(), occurrence.count());
            return new PendingDetection(Detection.counted(fingerprint, occurrence.count()), null, null);
        }

        return raise(fingerprint, signal, prepared.template(), trigger.get(), occurrence);
    }

    /**
     * Waits for the broker to take the events of several occurrences, then marks the signatures
     * announced with one call to Redis. Returns, for each, what kept its event from going out, or
     * null when it went out (or there was none).
     */
    public List<RuntimeException> finishAll(List<PendingDetection> pending) {
        List<RuntimeException> failures = new ArrayList<>(pending.size());
        Map<Fingerprint, Instant> announced = new LinkedHashMap<>();
        for (PendingDetection detection : pending) {
            try {
                detection.awaitEvent().ifPresent(at -> announced.put(detection.detection.fingerprint(), at));
                failures.add(null);
            } catch (RuntimeException e) {
                failures.add(e);
            }
        }
        try {
            if (!announced.isEmpty()) {
                signatures.markAnnounced(announced);
            }
        } catch (DetectorUnavailableException e) {
            // The events are out; the only cost is that a later return of a fault reads as new.
            Log.warnf(
                    "Faults %s were raised but could not be marked as announced: %s",
                    announced.keySet(), e.getMessage());
        }

        return failures;
    }

    /** An occurrence recorded, whose event (if any) the broker may not have acknowledged yet. */
    public final class PendingDetection {

        private final Detection detection;
        private final FaultDetected event;
        private final CompletableFuture<Void> sent;

        private PendingDetection(Detection detection, FaultDetected event, CompletableFuture<Void> sent) {
            this.detection = detection;
            this.event = event;
            this.sent = sent;
        }

        /**
         * Waits for the broker to take the event; throws {@link DetectorUnavailableException} when it
         * refused it or did not answer in time, after which the next occurrence raises it again.
         */
        public Detection finish() {
            awaitEvent().ifPresent(at -> announced(detection.fingerprint(), at));

            return detection;
        }

        /** Waits for the broker; returns when the event that went out was made, if there was one. */
        private Optional<Instant> awaitEvent() {
            if (event == null) {
                return Optional.empty();
            }
            try {
                awaitSent();
            } catch (DetectorUnavailableException e) {
                // Without the cooldown (or burst) marker the next occurrence tries again: nothing is lost.
                endMarkerAfterFailure(detection.fingerprint(), detection.trigger(), e);
                throw e;
            }
            metrics.faultEmitted(detection.trigger());
            Log.infof(
                    "Fault %s of %s raised as %s (%s, %s, count %d)",
                    event.fingerprint(),
                    event.service(),
                    event.trigger(),
                    event.faultClass().code(),
                    event.severity(),
                    event.count());

            return Optional.of(event.occurredAt());
        }

        private void awaitSent() {
            try {
                sent.get(config.publishTimeout().toMillis(), TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw refused(e);
            } catch (ExecutionException e) {
                throw e.getCause() instanceof DetectorUnavailableException unavailable
                        ? unavailable
                        : refused(e.getCause());
            } catch (TimeoutException e) {
                throw refused(e);
            }
        }

        private DetectorUnavailableException refused(Throwable cause) {
            return new DetectorUnavailableException(
                    "the broker did not acknowledge fault " + detection.fingerprint() + ": " + cause, cause);
        }
    }

    private PendingDetection raise(
            Fingerprint fingerprint,
            FaultSignal signal,
            MinedTemplate template,
            DetectionTrigger trigger,
            Occurrence occurrence) {
        Detection detection = Detection.emitted(fingerprint, trigger, occurrence.count());
        FaultDetected event;
        CompletableFuture<Void> sent;
        try {
            event = toEvent(fingerprint, signal, template, trigger, occurrence);
            sent = publisher.send(event).toCompletableFuture();
        } catch (DetectorUnavailableException e) {
            endMarkerAfterFailure(fingerprint, trigger, e);
            throw e;
        } catch (RuntimeException e) {
            DetectorUnavailableException unavailable = new DetectorUnavailableException(
                    "the broker did not take fault " + fingerprint + ": " + e.getMessage(), e);
            endMarkerAfterFailure(fingerprint, trigger, unavailable);
            throw unavailable;
        }

        return new PendingDetection(detection, event, sent);
    }

    private void announced(Fingerprint fingerprint, Instant at) {
        try {
            signatures.markAnnounced(fingerprint, at);
        } catch (DetectorUnavailableException e) {
            // The event is out; the only cost is that a later return of the fault reads as new.
            Log.warnf("Fault %s was raised but could not be marked as announced: %s", fingerprint, e.getMessage());
        }
    }

    private void endMarkerAfterFailure(
            Fingerprint fingerprint, DetectionTrigger trigger, DetectorUnavailableException failure) {
        try {
            if (trigger == DetectionTrigger.BURST) {
                signatures.endBurst(fingerprint);
            } else {
                signatures.endCooldown(fingerprint);
            }
        } catch (DetectorUnavailableException e) {
            failure.addSuppressed(e);
            Log.warnf("Fault %s is raised again only after its cooldown: %s", fingerprint, e.getMessage());
        }
    }

    private FaultDetected toEvent(
            Fingerprint fingerprint,
            FaultSignal signal,
            MinedTemplate template,
            DetectionTrigger trigger,
            Occurrence occurrence) {
        return new FaultDetected(
                UUID.randomUUID(),
                Instant.now().truncatedTo(ChronoUnit.MILLIS),
                FaultDetected.VERSION,
                fingerprint.value(),
                signal.service(),
                signal.faultClass(),
                signal.effectiveSeverity(),
                trigger,
                template.text(),
                occurrence.samples(),
                occurrence.count(),
                occurrence.firstSeen(),
                occurrence.lastSeen(),
                occurrence.breadcrumbs());
    }
}
