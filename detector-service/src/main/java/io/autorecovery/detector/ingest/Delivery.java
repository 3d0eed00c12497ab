package io.autorecovery.detector.ingest;

/**
 * One record of {@code logs.raw} as it arrived, and how to tell its source what became of it: each
 * delivery is settled or rejected exactly once, or neither when the service stops first, in which
 * case its source offers it again.
 */
public interface Delivery {

    /** The record's bytes, UTF-8 text when well formed; null when the record has no value. */
    byte[] payload();

    /** Handled: the source may forget it. */
    void settle();

    /** Not handled: the source keeps it aside, with the reason, and then forgets it. */
    void reject(Throwable reason);
}
