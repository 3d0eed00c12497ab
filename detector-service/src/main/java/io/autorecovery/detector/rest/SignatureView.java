package io.autorecovery.detector.rest;

import java.time.Instant;
import java.util.List;

/**
 * A fault signature explained: its template, counts, and which tokens of its latest occurrence
 * were masked, by which rule.
 */
public record SignatureView(
        String fingerprint,
        String service,
        String faultClass,
        String templateId,
        String template,
        long count,
        Instant firstSeen,
        Instant lastSeen,
        List<MaskedTokenView> maskedTokens) {

    /** One masked token: its position in the message, its text, what it became, and why. */
    public record MaskedTokenView(int position, String original, String masked, String rule, String reason) {}
}
