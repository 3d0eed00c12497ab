package io.autorecovery.detector.template;

/** One token that masking replaced: where it was, what it said, what it became and why. */
public record MaskedToken(int position, String original, String masked, MaskRule rule) {}
