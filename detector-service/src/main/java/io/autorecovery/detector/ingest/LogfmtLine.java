package io.autorecovery.detector.ingest;

import java.util.HashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Reads a logfmt line ({@code time=… level=error msg="…" err="…"}), as Go's logrus and slog write. */
final class LogfmtLine {

    private static final Pattern PAIR = Pattern.compile("([A-Za-z_][\\w.\\-]*)=(\"(?:[^\"\\\\]|\\\\.)*\"|\\S*)");
    private static final Pattern ESCAPE = Pattern.compile("\\\\(.)");
    private static final int MAX_PAIRS = 64;

    private LogfmtLine() {}

    /** The parsed line, or null when the line is not logfmt with a level and a message. */
    static ParsedLine parse(String line, String defaultService) {
        if (!(line.contains("level=") || line.contains("lvl=")) || !line.contains("msg=")) {
            return null;
        }
        Map<String, String> fields = pairs(line);
        String level = first(fields, "level", "lvl");
        String message = first(fields, "msg", "message");
        if (level == null || message == null) {
            return null;
        }
        String error = first(fields, "err", "error");
        String service = first(fields, "service", "service.name", "app");
        String time = first(fields, "time", "ts", "timestamp");

        return new ParsedLine(
                service == null ? defaultService : service,
                time != null && LogTimes.ISO.matcher(time).matches() ? LogTimes.iso(time) : null,
                LogLevels.normalize(level),
                error == null ? message : message + ": " + error,
                first(fields, "logger", "component", "caller"),
                first(fields, "thread", "goroutine"),
                first(fields, "trace_id", "traceId", "trace.id"),
                first(fields, "stack", "stacktrace", "stack_trace"),
                false);
    }

    private static Map<String, String> pairs(String line) {
        Map<String, String> fields = new HashMap<>();
        Matcher pair = PAIR.matcher(line);
        while (pair.find() && fields.size() < MAX_PAIRS) {
            String value = pair.group(2);
            if (value.length() >= 2 && value.startsWith("\"")) {
                value = ESCAPE.matcher(value.substring(1, value.length() - 1)).replaceAll(escaped -> {
                    String c = escaped.group(1);
                    return Matcher.quoteReplacement(c.equals("n") ? "\n" : c.equals("t") ? "\t" : c);
                });
            }
            fields.putIfAbsent(pair.group(1), value);
        }
        return fields;
    }

    private static String first(Map<String, String> fields, String... names) {
        for (String name : names) {
            String value = fields.get(name);
            if (value != null && !value.isEmpty()) {
                return value;
            }
        }
        return null;
    }
}
