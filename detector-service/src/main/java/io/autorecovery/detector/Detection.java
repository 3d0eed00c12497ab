package io.autorecovery.detector;

import io.autorecovery.contracts.DetectionTrigger;

/**
 * What the detector did with one fault occurrence.
 *
 * @param trigger why an event was emitted, or null when the occurrence was only counted
 */
public record Detection(Fingerprint fingerprint, boolean emitted, DetectionTrigger trigger, long count) {

    static Detection counted(Fingerprint fingerprint, long count) {
        return new Detection(fingerprint, false, null, count);
    }

    static Detection emitted(Fingerprint fingerprint, DetectionTrigger trigger, long count) {
        return new Detection(fingerprint, true, trigger, count);
    }
}
