package io.autorecovery.detector.rest;

import io.autorecovery.contracts.DetectionTrigger;
import io.autorecovery.detector.Detection;

/**
 * The answer to a fault report.
 *
 * @param trigger why an event was emitted; null when the occurrence was only counted
 */
public record FaultAccepted(String fingerprint, boolean emitted, DetectionTrigger trigger, long count) {

    static FaultAccepted of(Detection detection) {
        return new FaultAccepted(
                detection.fingerprint().value(), detection.emitted(), detection.trigger(), detection.count());
    }
}
