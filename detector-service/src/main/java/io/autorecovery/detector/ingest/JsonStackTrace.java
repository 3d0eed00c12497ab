package io.autorecovery.detector.ingest;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * The stack trace a JSON log line carries: a plain string, or an exception written as an object
 * with frames (as Quarkus JSON logging writes it), turned back into the text a JVM prints.
 */
final class JsonStackTrace {

    private static final int MAX_CAUSES = 32;

    private JsonStackTrace() {}

    static String of(JsonNode value) {
        if (value == null || value.isNull() || value.isBoolean()) {
            return null;
        }
        if (value.isTextual()) {
            return value.asText().isBlank() ? null : value.asText();
        }
        if (!value.isObject()) {
            return value.toString();
        }
        for (String name : new String[] {"stack_trace", "stackTrace", "stacktrace", "stack"}) {
            JsonNode text = value.get(name);
            if (text != null && text.isTextual()) {
                return text.asText();
            }
        }
        if (value.has("exceptionType") || value.has("frames")) {
            StringBuilder out = new StringBuilder();
            render(value, out, 0);
            return out.toString();
        }

        return value.toString();
    }

    /** The source position as a JVM prints it; the file name is taken to be the class's own. */
    private static String source(JsonNode frame) {
        String type = frame.path("class").asText("?");
        String file = type.substring(type.lastIndexOf('.') + 1).replaceFirst("\\$.*", "") + ".java";
        return frame.has("line") ? file + ":" + frame.path("line").asText() : "Unknown Source";
    }

    private static void render(JsonNode exception, StringBuilder out, int depth) {
        if (depth > 0) {
            out.append("\nCaused by: ");
        }
        out.append(exception.path("exceptionType").asText("java.lang.Throwable"));
        String message = exception.path("message").asText("");
        if (!message.isEmpty()) {
            out.append(": ").append(message);
        }
        for (JsonNode frame : exception.path("frames")) {
            out.append("\n\tat ")
                    .append(frame.path("class").asText("?"))
                    .append('.')
                    .append(frame.path("method").asText("?"))
                    .append('(')
                    .append(source(frame))
                    .append(')');
        }
        JsonNode cause = exception.path("causedBy").path("exception");
        if (cause.isObject() && depth < MAX_CAUSES) {
            render(cause, out, depth + 1);
        }
    }
}
