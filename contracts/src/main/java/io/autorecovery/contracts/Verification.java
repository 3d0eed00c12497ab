package io.autorecovery.contracts;

/** What the verification window after a deploy saw of the fingerprint that caused it. */
public record Verification(long windowSeconds, long occurrences, boolean faultGone) {}
