package io.autorecovery.detector.ingest;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import io.autorecovery.contracts.EventJson;
import io.autorecovery.contracts.LogRecord;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.util.UUID;

/**
 * Reads the {@code LogRecord}s of {@code logs.raw}, the detector's busiest input, with a streaming
 * parser instead of data binding. It reads only the plain shape that writers produce (string
 * fields, an integer version, a canonical UUID, an ISO-8601 UTC time); any other input, valid or
 * not, is left to {@link EventJson#read}, which decides exactly as every other reader of the topic
 * and names what is wrong. The result is therefore always the one {@code EventJson} would give.
 */
final class LogRecordJson {

    private static final JsonFactory FACTORY = EventJson.mapper().getFactory();

    /** Longest text whose UTF-8 form is surely within {@link EventJson#MAX_EVENT_BYTES}. */
    private static final int SURELY_SMALL_CHARS = EventJson.MAX_EVENT_BYTES / 3;

    private LogRecordJson() {}

    /** The record; throws {@code MalformedEventException} naming the problem when it is not one. */
    static LogRecord read(String json) {
        LogRecord record = json != null && json.length() <= SURELY_SMALL_CHARS ? readPlain(json) : null;

        return record != null ? record : EventJson.read(json, LogRecord.class);
    }

    /**
     * The record in UTF-8 bytes, as {@link #read(String)} reads their text (invalid bytes read as
     * U+FFFD). A record in ASCII and the plain shape, as most are, is read straight from its bytes.
     */
    static LogRecord read(byte[] json) {
        LogRecord record = json.length <= SURELY_SMALL_CHARS ? AsciiRecordScanner.read(json) : null;

        return record != null ? record : read(new String(json, StandardCharsets.UTF_8));
    }

    /** The record when the text has the plain shape, else null. */
    static LogRecord readPlain(String json) {
        try (JsonParser parser = FACTORY.createParser(json)) {
            return readPlain(parser);
        } catch (IOException | RuntimeException e) {
            // Unreadable, too deep, or a value out of range: EventJson says which.
            return null;
        }
    }

    private static LogRecord readPlain(JsonParser parser) throws IOException {
        if (parser.nextToken() != JsonToken.START_OBJECT) {
            return null;
        }
        Fields fields = new Fields();
        for (JsonToken token = parser.nextToken(); token == JsonToken.FIELD_NAME; token = parser.nextToken()) {
            String name = parser.currentName();
            if (!fields.read(name, parser.nextToken(), parser)) {
                return null;
            }
        }
        if (parser.currentToken() != JsonToken.END_OBJECT || parser.nextToken() != null) {
            return null;
        }
        return fields.complete() ? fields.toRecord() : null;
    }

    /** The fields read so far; {@code read} answers false for a value of a shape left to data binding. */
    private static final class Fields {
        UUID eventId;
        Instant occurredAt;
        int version;
        boolean versionRead;
        String service;
        String level;
        String message;
        String logger;
        String thread;
        String traceId;
        String stackTrace;

        boolean read(String name, JsonToken value, JsonParser parser) throws IOException {
            switch (name) {
                case "eventId" -> eventId = value == JsonToken.VALUE_STRING ? uuid(parser.getText()) : null;
                case "occurredAt" -> occurredAt = value == JsonToken.VALUE_STRING ? instant(parser.getText()) : null;
                case "version" -> {
                    if (value != JsonToken.VALUE_NUMBER_INT || parser.getNumberType() != JsonParser.NumberType.INT) {
                        return false;
                    }
                    version = parser.getIntValue();
                    versionRead = true;
                    return true;
                }
                case "service" -> service = text(value, parser);
                case "level" -> level = text(value, parser);
                case "message" -> message = text(value, parser);
                case "logger" -> logger = text(value, parser);
                case "thread" -> thread = text(value, parser);
                case "traceId" -> traceId = text(value, parser);
                case "stackTrace" -> stackTrace = text(value, parser);
                default -> {
                    parser.skipChildren();
                    return true;
                }
            }
            // A field named twice keeps its last value, as data binding does; only a null is doubtful.
            return value == JsonToken.VALUE_STRING || value == JsonToken.VALUE_NULL && optional(name);
        }

        /**
         * Required fields present and not blank, so the record's own checks pass; data binding
         * refuses a record without version (a primitive may not be null).
         */
        boolean complete() {
            return versionRead
                    && eventId != null
                    && occurredAt != null
                    && service != null
                    && !service.isBlank()
                    && message != null
                    && !message.isBlank();
        }

        LogRecord toRecord() {
            return new LogRecord(
                    eventId, occurredAt, version, service, level, message, logger, thread, traceId, stackTrace);
        }

        private static boolean optional(String name) {
            return !name.equals("eventId")
                    && !name.equals("occurredAt")
                    && !name.equals("service")
                    && !name.equals("message");
        }

        private static String text(JsonToken value, JsonParser parser) throws IOException {
            return value == JsonToken.VALUE_STRING ? parser.getText() : null;
        }
    }

    /**
     * A UUID in its canonical 36-character form (hex digits in groups of 8-4-4-4-12), else null:
     * the one form data binding takes as text of that length.
     */
    static UUID uuid(String text) {
        if (text.length() != 36) {
            return null;
        }
        long high = 0;
        long low = 0;
        int digits = 0;
        for (int i = 0; i < 36; i++) {
            char c = text.charAt(i);
            if (i == 8 || i == 13 || i == 18 || i == 23) {
                if (c != '-') {
                    return null;
                }
                continue;
            }
            int digit = Character.digit(c, 16);
            if (digit < 0 || c > 'f') {
                return null;
            }
            if (digits++ < 16) {
                high = high << 4 | digit;
            } else {
                low = low << 4 | digit;
            }
        }
        return new UUID(high, low);
    }

    /**
     * A time written as {@code yyyy-MM-ddTHH:mm:ss[.fraction]Z} with one to nine fraction digits, as
     * {@code Instant.toString} writes it, else null.
     */
    static Instant instant(String text) {
        int length = text.length();
        if (length < 20 || length > 30 || length == 21 || text.charAt(length - 1) != 'Z') {
            return null;
        }
        if (text.charAt(4) != '-'
                || text.charAt(7) != '-'
                || text.charAt(10) != 'T'
                || text.charAt(13) != ':'
                || text.charAt(16) != ':') {
            return null;
        }
        int year = digits(text, 0, 4);
        int month = digits(text, 5, 7);
        int day = digits(text, 8, 10);
        int hour = digits(text, 11, 13);
        int minute = digits(text, 14, 16);
        int second = digits(text, 17, 19);
        if (year < 0 || month < 0 || day < 0 || hour < 0 || hour > 23 || minute < 0 || minute > 59) {
            return null;
        }
        if (second < 0 || second > 59) {
            return null;
        }
        int nanos = 0;
        if (length > 20) {
            if (text.charAt(19) != '.') {
                return null;
            }
            int fraction = digits(text, 20, length - 1);
            if (fraction < 0) {
                return null;
            }
            nanos = fraction;
            for (int i = length - 1 - 20; i < 9; i++) {
                nanos *= 10;
            }
        }
        try {
            long days = LocalDate.of(year, month, day).toEpochDay();
            return Instant.ofEpochSecond(days * 86_400 + hour * 3_600L + minute * 60L + second, nanos);
        } catch (DateTimeException e) {
            return null;
        }
    }

    /** The decimal number written in text[from, to), or -1 when a character there is not a digit. */
    private static int digits(String text, int from, int to) {
        int value = 0;
        for (int i = from; i < to; i++) {
            char c = text.charAt(i);
            if (c < '0' || c > '9') {
                return -1;
            }
            value = value * 10 + (c - '0');
        }
        return value;
    }
}
