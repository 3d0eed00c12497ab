package io.autorecovery.detector;

import io.autorecovery.contracts.DetectionTrigger;
import io.autorecovery.contracts.FaultDetected;
import io.autorecovery.detector.config.DetectorConfig;
import io.autorecovery.detector.publish.FaultPublisher;
import io.autorecovery.detector.stack.StackSignature;
import io.autorecovery.detector.stack.StackTraceReader;
import io.autorecovery.detector.store.BreadcrumbStore;
import io.autorecovery.detector.store.Occurrence;
import io.autorecovery.detector.store.SignatureStore;
import io.autorecovery.detector.template.MinedTemplate;
import io.autorecovery.detector.template.TemplateMiner;
import io.quarkus.logging.Log;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Optional;
import java.util.UUID;

/**
 * The detection path every fault occurrence takes, whatever its source: template, stack
 * signature, fingerprint, record, decide, and emit {@code faults.detected} when the signature is
 * new, bursts, or has regressed.
 */
@ApplicationScoped
public class FaultDetector {

    private final TemplateMiner templates;
    private final SignatureStore signatures;
    private final BreadcrumbStore breadcrumbs;
    private final FaultPublisher publisher;
    private final DetectorMetrics metrics;
    private final DetectorConfig config;

    FaultDetector(
            TemplateMiner templates,
            SignatureStore signatures,
            BreadcrumbStore breadcrumbs,
            FaultPublisher publisher,
            DetectorMetrics metrics,
            DetectorConfig config) {
        this.templates = templates;
        this.signatures = signatures;
        this.breadcrumbs = breadcrumbs;
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
        MinedTemplate template = templates.mine(signal.service(), signal.message());
        StackSignature stack = StackTraceReader.read(signal.stackTrace()).orElse(null);
        Fingerprint fingerprint = stack != null
                ? Fingerprint.ofStack(signal.service(), stack)
                : Fingerprint.of(signal.service(), signal.faultClass(), template.id());
        String sample = SampleText.of(
                signal.message(), signal.stackTrace(), config.samples().maxLength());

        Occurrence occurrence = signatures.record(fingerprint, signal, template, sample, stack);
        Optional<DetectionTrigger> trigger = TriggerPolicy.decide(occurrence);
        if (trigger.isEmpty()) {
            Log.debugf("Fault %s of %s counted (%d so far)", fingerprint, signal.service(), occurrence.count());
            return Detection.counted(fingerprint, occurrence.count());
        }

        FaultDetected event = raise(fingerprint, signal, template, trigger.get(), occurrence);
        metrics.faultEmitted(trigger.get());
        Log.infof(
                "Fault %s of %s raised as %s (%s, %s, count %d)",
                fingerprint,
                signal.service(),
                trigger.get(),
                signal.faultClass().code(),
                event.severity(),
                occurrence.count());

        return Detection.emitted(fingerprint, trigger.get(), occurrence.count());
    }

    private FaultDetected raise(
            Fingerprint fingerprint,
            FaultSignal signal,
            MinedTemplate template,
            DetectionTrigger trigger,
            Occurrence occurrence) {
        FaultDetected event;
        try {
            event = toEvent(fingerprint, signal, template, trigger, occurrence);
            publisher.publish(event);
        } catch (DetectorUnavailableException e) {
            // Without the cooldown (or burst) marker the next occurrence tries again: nothing is lost.
            endMarkerAfterFailure(fingerprint, trigger, e);
            throw e;
        }
        try {
            signatures.markAnnounced(fingerprint, event.occurredAt());
        } catch (DetectorUnavailableException e) {
            // The event is out; the only cost is that a later return of the fault reads as new.
            Log.warnf("Fault %s was raised but could not be marked as announced: %s", fingerprint, e.getMessage());
        }

        return event;
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
                breadcrumbs.recent(signal.service()));
    }
}
