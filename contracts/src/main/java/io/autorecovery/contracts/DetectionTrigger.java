package io.autorecovery.contracts;

/** Why the detector raised a fault now. */
public enum DetectionTrigger {
    /** The fingerprint was never seen before. */
    NEW,
    /** Its rate over the sliding window crossed the threshold. */
    BURST,
    /** It came back after its cooldown had passed. */
    REGRESSION
}
