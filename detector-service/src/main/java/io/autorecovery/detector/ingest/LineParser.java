package io.autorecovery.detector.ingest;

import io.autorecovery.detector.FaultSignal;
import io.autorecovery.detector.SampleText;

/** Reads a raw log line, JSON object or plain text, into a {@link ParsedLine}. */
final class LineParser {

    private final int maxLineChars;
    private final int maxPlainChars;

    /**
     * @param maxLineChars longest JSON line read
     * @param maxPlainChars longest plain line kept whole; a longer one is cut to this length
     */
    LineParser(int maxLineChars, int maxPlainChars) {
        this.maxLineChars = maxLineChars;
        this.maxPlainChars = maxPlainChars;
    }

    LineParser(int maxLineChars) {
        this(maxLineChars, maxLineChars);
    }

    /**
     * Parses one line. A plain line longer than its limit is cut, with a marker saying how long it
     * was; a JSON line over its limit, or one that is not valid JSON, is rejected with the reason.
     */
    ParsedLine parse(String raw, String defaultService) {
        String line = stripLineEnd(raw);
        boolean json = looksLikeJson(line);
        if (json && line.length() > maxLineChars) {
            throw new RejectedLineException(
                    "JSON line of " + line.length() + " chars exceeds the limit of " + maxLineChars + " chars");
        }
        if (!json && line.length() > maxPlainChars) {
            line = SampleText.truncate(line, maxPlainChars);
        }
        ParsedLine parsed = json ? JsonLine.parse(line, defaultService) : PlainLine.parse(line, defaultService);
        FaultSignal.serviceNameProblem(parsed.service()).ifPresent(problem -> {
            throw new RejectedLineException("service " + problem);
        });

        return parsed;
    }

    /** Whether the line is a plain line that {@link #parse} cuts to its limit. */
    boolean cuts(String raw) {
        return raw.length() > maxPlainChars
                && !looksLikeJson(raw)
                && stripLineEnd(raw).length() > maxPlainChars;
    }

    private static boolean looksLikeJson(String line) {
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if (!Character.isWhitespace(c)) {
                return c == '{';
            }
        }
        return false;
    }

    private static String stripLineEnd(String line) {
        int end = line.length();
        while (end > 0 && (line.charAt(end - 1) == '\n' || line.charAt(end - 1) == '\r')) {
            end--;
        }
        return end == line.length() ? line : line.substring(0, end);
    }
}
