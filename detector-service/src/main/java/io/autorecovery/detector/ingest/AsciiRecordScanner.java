package io.autorecovery.detector.ingest;

import io.autorecovery.contracts.LogRecord;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Arrays;
import java.util.UUID;

/**
 * Reads a {@code LogRecord} straight from its bytes when they are ASCII and in the plain shape that
 * writers produce: one flat object whose known fields are strings (or null where optional), an
 * integer version, and unknown fields holding strings, numbers, booleans or null. Anything else, be
 * it valid or not (a byte above 127, a nested value, an unusual escape, a control character), gives
 * null, and the record is left to {@link LogRecordJson}, which gives the same result as data
 * binding. Where this reader gives a record, it is the one data binding gives.
 */
final class AsciiRecordScanner {

    private static final byte[][] NAMES = {
        bytes("eventId"),
        bytes("occurredAt"),
        bytes("version"),
        bytes("service"),
        bytes("level"),
        bytes("message"),
        bytes("logger"),
        bytes("thread"),
        bytes("traceId"),
        bytes("stackTrace")
    };
    private static final int EVENT_ID = 0;
    private static final int OCCURRED_AT = 1;
    private static final int VERSION = 2;
    private static final int SERVICE = 3;
    private static final int MESSAGE = 5;
    private static final int UNKNOWN = -1;

    /** Eight bytes of the text at a time, to skip the plain stretches of strings quickly. */
    private static final VarHandle WORDS = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);

    private static final long ONES = 0x0101010101010101L;
    private static final long HIGH_BITS = 0x8080808080808080L;

    /** Longest version read here: nine digits always fit an int. */
    private static final int MAX_VERSION_DIGITS = 9;

    private final byte[] in;
    private final String[] texts = new String[NAMES.length];
    private int pos;
    private int lastField = UNKNOWN;
    private int version;
    private boolean versionRead;

    private AsciiRecordScanner(byte[] in) {
        this.in = in;
    }

    /** The record, or null when the bytes are not a record in the plain ASCII shape. */
    static LogRecord read(byte[] json) {
        try {
            return new AsciiRecordScanner(json).record();
        } catch (ArrayIndexOutOfBoundsException e) {
            // The text ended inside a value.
            return null;
        }
    }

    private LogRecord record() {
        skipSpace();
        if (next() != '{') {
            return null;
        }
        skipSpace();
        if (peek() == '}') {
            return null;
        }
        while (true) {
            if (next() != '"' || !field()) {
                return null;
            }
            skipSpace();
            byte separator = next();
            if (separator == '}') {
                break;
            }
            if (separator != ',') {
                return null;
            }
            skipSpace();
        }
        skipSpace();
        return pos == in.length ? toRecord() : null;
    }

    /** Reads one field, from its name to the end of its value; false when it is not of the plain shape. */
    private boolean field() {
        int nameStart = pos;
        while (in[pos] != '"') {
            if (in[pos] == '\\' || in[pos] < 0x20) {
                return false;
            }
            pos++;
        }
        int field = fieldOf(nameStart, pos);
        pos++;
        skipSpace();
        if (next() != ':') {
            return false;
        }
        skipSpace();
        byte first = peek();
        if (first == '"') {
            pos++;
            String text = string();
            if (text == null || field == VERSION) {
                return false;
            }
            if (field != UNKNOWN) {
                texts[field] = text;
            }
            return true;
        }
        if (first == 'n') {
            if (!literal("null")) {
                return false;
            }
            if (field == EVENT_ID || field == OCCURRED_AT || field == SERVICE || field == MESSAGE || field == VERSION) {
                return false;
            }
            if (field != UNKNOWN) {
                texts[field] = null;
            }
            return true;
        }
        if (field == VERSION) {
            return version();
        }
        if (field != UNKNOWN) {
            return false;
        }
        return first == 't' ? literal("true") : first == 'f' ? literal("false") : number();
    }

    private LogRecord toRecord() {
        if (!versionRead || texts[EVENT_ID] == null || texts[OCCURRED_AT] == null) {
            return null;
        }
        String service = texts[SERVICE];
        String message = texts[MESSAGE];
        if (service == null || service.isBlank() || message == null || message.isBlank()) {
            return null;
        }
        UUID eventId = LogRecordJson.uuid(texts[EVENT_ID]);
        Instant occurredAt = LogRecordJson.instant(texts[OCCURRED_AT]);
        if (eventId == null || occurredAt == null) {
            return null;
        }
        return new LogRecord(
                eventId, occurredAt, version, service, texts[4], message, texts[6], texts[7], texts[8], texts[9]);
    }

    /** A string after its opening quote, up to and past its closing one; null when not of the plain shape. */
    private String string() {
        int start = pos;
        while (true) {
            while (pos + Long.BYTES <= in.length && isPlain((long) WORDS.get(in, pos))) {
                pos += Long.BYTES;
            }
            byte b = in[pos];
            if (b == '"') {
                pos++;
                return new String(in, start, pos - 1 - start, StandardCharsets.ISO_8859_1);
            }
            if (b == '\\') {
                return escapedString(start);
            }
            if (b < 0x20) {
                // A control character (or a byte above 127) that data binding refuses or reads otherwise.
                return null;
            }
            pos++;
        }
    }

    /**
     * Whether none of eight bytes ends a plain stretch of a string: a quote, a backslash, a control
     * character or a byte above 127.
     */
    private static boolean isPlain(long word) {
        long quotes = word ^ ('"' * ONES);
        long backslashes = word ^ ('\\' * ONES);
        long found = ((quotes - ONES) & ~quotes)
                | ((backslashes - ONES) & ~backslashes)
                | ((word - 0x20 * ONES) & ~word)
                | word;
        return (found & HIGH_BITS) == 0;
    }

    private String escapedString(int start) {
        StringBuilder text = new StringBuilder(pos - start + 16);
        text.append(new String(in, start, pos - start, StandardCharsets.ISO_8859_1));
        while (true) {
            byte b = in[pos++];
            if (b == '"') {
                return text.toString();
            }
            if (b < 0x20) {
                return null;
            }
            if (b != '\\') {
                text.append((char) b);
                continue;
            }
            byte escaped = in[pos++];
            switch (escaped) {
                case '"', '\\', '/' -> text.append((char) escaped);
                case 'b' -> text.append('\b');
                case 'f' -> text.append('\f');
                case 'n' -> text.append('\n');
                case 'r' -> text.append('\r');
                case 't' -> text.append('\t');
                case 'u' -> {
                    int code = 0;
                    for (int i = 0; i < 4; i++) {
                        int digit = Character.digit(in[pos++], 16);
                        if (digit < 0) {
                            return null;
                        }
                        code = code * 16 + digit;
                    }
                    text.append((char) code);
                }
                default -> {
                    return null;
                }
            }
        }
    }

    /** The version: a whole number of one to nine digits, without a leading zero. */
    private boolean version() {
        int start = pos;
        int value = 0;
        while (pos < in.length && in[pos] >= '0' && in[pos] <= '9') {
            value = value * 10 + (in[pos++] - '0');
        }
        int digits = pos - start;
        if (digits == 0 || digits > MAX_VERSION_DIGITS || digits > 1 && in[start] == '0' || continuesNumber()) {
            return false;
        }
        version = value;
        versionRead = true;
        return true;
    }

    /** A JSON number, skipped: {@code -?(0|[1-9][0-9]*)(.[0-9]+)?([eE][+-]?[0-9]+)?}. */
    private boolean number() {
        if (in[pos] == '-') {
            pos++;
        }
        if (in[pos] == '0') {
            pos++;
        } else if (digits() == 0) {
            return false;
        }
        if (pos < in.length && in[pos] == '.') {
            pos++;
            if (digits() == 0) {
                return false;
            }
        }
        if (pos < in.length && (in[pos] == 'e' || in[pos] == 'E')) {
            pos++;
            if (in[pos] == '+' || in[pos] == '-') {
                pos++;
            }
            if (digits() == 0) {
                return false;
            }
        }
        return !continuesNumber();
    }

    private int digits() {
        int start = pos;
        while (pos < in.length && in[pos] >= '0' && in[pos] <= '9') {
            pos++;
        }
        return pos - start;
    }

    /** Whether a number runs on into something that is neither space nor a separator. */
    private boolean continuesNumber() {
        if (pos >= in.length) {
            return false;
        }
        byte b = in[pos];
        return !(b == ',' || b == '}' || isSpace(b));
    }

    private boolean literal(String word) {
        for (int i = 0; i < word.length(); i++) {
            if (in[pos++] != word.charAt(i)) {
                return false;
            }
        }
        return pos >= in.length || in[pos] == ',' || in[pos] == '}' || isSpace(in[pos]);
    }

    /** The known field the name is, tried first as the one after the last: writers keep one order. */
    private int fieldOf(int start, int end) {
        int next = lastField + 1;
        if (next < NAMES.length && named(next, start, end)) {
            lastField = next;
            return next;
        }
        for (int field = 0; field < NAMES.length; field++) {
            if (named(field, start, end)) {
                lastField = field;
                return field;
            }
        }
        return UNKNOWN;
    }

    private boolean named(int field, int start, int end) {
        byte[] name = NAMES[field];
        return name.length == end - start && Arrays.equals(in, start, end, name, 0, name.length);
    }

    private void skipSpace() {
        while (pos < in.length && isSpace(in[pos])) {
            pos++;
        }
    }

    private static boolean isSpace(byte b) {
        return b == ' ' || b == '\n' || b == '\r' || b == '\t';
    }

    private byte peek() {
        return in[pos];
    }

    private byte next() {
        return in[pos++];
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.US_ASCII);
    }
}
