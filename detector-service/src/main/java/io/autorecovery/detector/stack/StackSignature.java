package io.autorecovery.detector.stack;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;

/**
 * What identifies a bug in a stack trace: the exception type, the application frames kept after
 * normalising, and the types of its causes. Line numbers, lambdas, proxies and framework frames
 * are left out, so the same bug in the next build keeps its signature.
 *
 * @param language {@code java} or {@code python}
 * @param causes the types of the causes, outermost first
 * @param frames the frames kept, each as {@code type.method} or {@code file:function}, per exception
 *     in the order printed, each exception's frames preceded by a line naming it
 * @param dropped the first frames dropped, with the reason; {@code droppedCount} counts them all
 */
public record StackSignature(
        String language,
        String exceptionType,
        List<String> causes,
        List<String> frames,
        List<DroppedFrame> dropped,
        int droppedCount) {

    public StackSignature {
        causes = List.copyOf(causes);
        frames = List.copyOf(frames);
        dropped = List.copyOf(dropped);
    }

    /** A frame left out of the signature, and why. */
    public record DroppedFrame(String frame, String reason) {}

    /** 16 hex characters of SHA-256 over the exception type, the frames kept and the causes. */
    public String digest() {
        MessageDigest digest = sha256();
        update(digest, language);
        update(digest, exceptionType);
        for (String cause : causes) {
            update(digest, "cause " + cause);
        }
        for (String frame : frames) {
            update(digest, frame);
        }
        return HexFormat.of().formatHex(digest.digest()).substring(0, 16);
    }

    private static void update(MessageDigest digest, String text) {
        digest.update(text.getBytes(StandardCharsets.UTF_8));
        digest.update((byte) '\n');
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime provides SHA-256", e);
        }
    }
}
