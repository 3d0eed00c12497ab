package io.autorecovery.detector.ingest;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.Year;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Reads the timestamps log lines start with; a time that cannot be read is left out, never guessed. */
final class LogTimes {

    /** ISO 8601 and its common relatives: a space for the T, a comma before the fraction, no zone. */
    static final Pattern ISO =
            Pattern.compile("\\d{4}-\\d{2}-\\d{2}[T ]\\d{2}:\\d{2}:\\d{2}(?:[.,]\\d{1,9})?(?:Z|[+-]\\d{2}:?\\d{2})?");

    private static final Pattern OFFSET_WITHOUT_COLON = Pattern.compile("([+-]\\d{2})(\\d{2})$");
    private static final DateTimeFormatter SYSLOG = DateTimeFormatter.ofPattern("yyyy MMM d HH:mm:ss", Locale.ROOT);

    private LogTimes() {}

    /** An ISO-like timestamp, read as UTC when it names no zone; null when unreadable. */
    static Instant iso(String text) {
        String value = text.replace(' ', 'T').replace(',', '.');
        Matcher offset = OFFSET_WITHOUT_COLON.matcher(value);
        if (offset.find() && value.length() > 19) {
            value = offset.replaceFirst("$1:$2");
        }
        try {
            if (value.endsWith("Z") || value.length() > 19 && hasOffset(value)) {
                return OffsetDateTime.parse(value).toInstant();
            }
            return LocalDateTime.parse(value).toInstant(ZoneOffset.UTC);
        } catch (DateTimeParseException e) {
            return null;
        }
    }

    /** A BSD syslog time ({@code Oct 11 22:14:15}), in the current year, read as UTC. */
    static Instant syslog(String text) {
        try {
            String withYear = Year.now(ZoneOffset.UTC).getValue() + " " + text.replaceAll("\\s+", " ");
            return LocalDateTime.parse(withYear, SYSLOG).toInstant(ZoneOffset.UTC);
        } catch (DateTimeParseException e) {
            return null;
        }
    }

    /** Epoch seconds (with a fraction) or milliseconds, told apart by size. */
    static Instant epoch(double value) {
        if (value > 1e11) {
            return Instant.ofEpochMilli((long) value);
        }
        return Instant.ofEpochMilli((long) (value * 1000));
    }

    private static boolean hasOffset(String value) {
        int t = value.indexOf('T');
        String time = value.substring(t + 1);
        return time.contains("+") || time.contains("-");
    }
}
