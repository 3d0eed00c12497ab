package io.autorecovery.detector.rest;

import java.time.Instant;
import java.util.List;

/**
 * A fault signature explained: its template, counts, which tokens of its latest occurrence were
 * masked, by which rule, and, when its fingerprint comes from a stack trace, the frames kept and
 * the frames dropped with the reason.
 *
 * @param basis {@code stack-trace} or {@code template}: what the fingerprint is computed from
 * @param stack null when the basis is the template
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
        List<MaskedTokenView> maskedTokens,
        String basis,
        StackView stack) {

    public static final String BASIS_STACK = "stack-trace";
    public static final String BASIS_TEMPLATE = "template";

    /** One masked token: its position in the message, its text, what it became, and why. */
    public record MaskedTokenView(int position, String original, String masked, String rule, String reason) {}

    /**
     * The stack signature: exception type, causes outermost first, the frames kept (a cause's
     * frames after a {@code caused by} line), and the first frames dropped, each with its reason.
     */
    public record StackView(
            String language,
            String exceptionType,
            List<String> causes,
            List<String> framesKept,
            List<DroppedFrameView> framesDropped,
            int framesDroppedCount) {}

    /** A frame left out of the signature, and why. */
    public record DroppedFrameView(String frame, String reason) {}
}
