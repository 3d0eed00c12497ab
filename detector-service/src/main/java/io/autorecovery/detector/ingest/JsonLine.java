package io.autorecovery.detector.ingest;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import io.autorecovery.contracts.EventJson;
import java.time.Instant;
import java.util.List;

/**
 * Reads one JSON log line, whatever the library that wrote it: the usual names of each field are
 * tried in turn (Logback and Log4j JSON layouts, Quarkus JSON logging, Elastic Common Schema,
 * python-json-logger, pino and bunyan).
 */
final class JsonLine {

    private static final List<String> SERVICE =
            List.of("service", "service.name", "serviceName", "service_name", "app");
    private static final List<String> LEVEL = List.of("level", "severity", "lvl", "log.level", "levelname", "loglevel");
    private static final List<String> MESSAGE = List.of("message", "msg", "log", "@message", "text");
    private static final List<String> LOGGER =
            List.of("logger", "logger_name", "loggerName", "log.logger", "name", "category");
    private static final List<String> THREAD = List.of("thread", "thread_name", "threadName", "process.thread.name");
    private static final List<String> TRACE_ID = List.of("trace_id", "traceId", "trace.id", "traceid", "trace");
    private static final List<String> STACK = List.of(
            "stack_trace",
            "stackTrace",
            "stacktrace",
            "exception",
            "error.stack",
            "error.stack_trace",
            "exc_info",
            "stack",
            "err.stack");
    private static final List<String> TIME = List.of("timestamp", "@timestamp", "time", "ts", "asctime", "date");

    private JsonLine() {}

    static ParsedLine parse(String line, String defaultService) {
        JsonNode json = read(line);
        String service = text(json, SERVICE);
        String message = stripLineEnd(text(json, MESSAGE));
        if (message == null) {
            throw new RejectedLineException("JSON line has no message (tried " + String.join(", ", MESSAGE) + ")");
        }
        String thread = text(json, THREAD);
        String stackTrace = JsonStackTrace.of(first(json, STACK));
        String level = level(first(json, LEVEL));
        String serviceName = service == null ? defaultService : service;
        if (level == null && stackTrace == null && StackLines.isContinuation(message)) {
            return ParsedLine.continuationOf(serviceName, thread, message);
        }

        return new ParsedLine(
                serviceName,
                time(first(json, TIME)),
                level,
                message,
                text(json, LOGGER),
                thread,
                text(json, TRACE_ID),
                stackTrace,
                false);
    }

    private static JsonNode read(String line) {
        JsonNode json;
        try {
            json = EventJson.mapper().readTree(line);
        } catch (JsonProcessingException e) {
            throw new RejectedLineException("unreadable JSON: " + brief(e.getOriginalMessage()));
        }
        if (json == null || !json.isObject()) {
            throw new RejectedLineException("a JSON log line must be an object");
        }

        return json;
    }

    /** The first field present under one of the names, dotted names read as nested or flat. */
    static JsonNode first(JsonNode json, List<String> names) {
        for (String name : names) {
            JsonNode value = field(json, name);
            if (value != null && !value.isNull() && !value.isMissingNode()) {
                return value;
            }
        }
        return null;
    }

    private static JsonNode field(JsonNode json, String name) {
        JsonNode flat = json.get(name);
        if (flat != null || name.indexOf('.') < 0) {
            return flat;
        }
        JsonNode node = json;
        for (String part : name.split("\\.")) {
            node = node.get(part);
            if (node == null) {
                return null;
            }
        }
        return node;
    }

    private static String text(JsonNode json, List<String> names) {
        for (String name : names) {
            JsonNode value = field(json, name);
            if (value != null && value.isValueNode() && !value.isNull()) {
                return value.asText();
            }
        }
        return null;
    }

    private static String level(JsonNode value) {
        if (value == null) {
            return null;
        }
        if (value.isNumber()) {
            return LogLevels.ofNumber(value.asLong());
        }
        return value.isValueNode() ? LogLevels.normalize(value.asText()) : null;
    }

    private static Instant time(JsonNode value) {
        if (value == null) {
            return null;
        }
        if (value.isNumber()) {
            return LogTimes.epoch(value.asDouble());
        }
        return value.isTextual() && LogTimes.ISO.matcher(value.asText()).matches()
                ? LogTimes.iso(value.asText())
                : null;
    }

    private static String stripLineEnd(String text) {
        if (text == null) {
            return null;
        }
        int end = text.length();
        while (end > 0 && (text.charAt(end - 1) == '\n' || text.charAt(end - 1) == '\r')) {
            end--;
        }
        return text.substring(0, end);
    }

    private static String brief(String detail) {
        String text = String.valueOf(detail);
        return text.length() <= 200 ? text : text.substring(0, 200) + "…";
    }
}
