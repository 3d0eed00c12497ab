package io.autorecovery.detector;

/** The text kept as a sample of a fault or as a breadcrumb, cut to a bounded length. */
public final class SampleText {

    private SampleText() {}

    /** A fault sample: the message, followed by the stack trace when there is one. */
    public static String of(String message, String stackTrace, int maxLength) {
        String text = stackTrace == null || stackTrace.isBlank() ? message : message + "\n" + stackTrace;

        return truncate(text, maxLength);
    }

    /** The text itself when it fits, else its head followed by a marker saying how long it was. */
    public static String truncate(String text, int maxLength) {
        if (text.length() <= maxLength) {
            return text;
        }
        String marker = "… [truncated from " + text.length() + " chars]";
        int keep = Math.max(0, maxLength - marker.length());
        if (keep > 0 && Character.isHighSurrogate(text.charAt(keep - 1))) {
            keep--;
        }

        return text.substring(0, keep) + marker;
    }
}
