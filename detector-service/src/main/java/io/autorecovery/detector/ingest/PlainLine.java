package io.autorecovery.detector.ingest;

import java.time.Instant;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads one plain-text log line: a header of timestamp, level, thread and logger in the orders
 * that Logback, Log4j, Quarkus, Spring Boot and Python logging write them, or a syslog line. What
 * follows the header is the message; a line with no recognisable header is all message. Logfmt
 * lines ({@code level=error msg="…"}) are read by their keys.
 */
final class PlainLine {

    private static final Pattern PYTHON_DEFAULT =
            Pattern.compile("^(?<level>[A-Z]{4,9}):(?<logger>[\\w.]+):(?<msg>.*)$", Pattern.DOTALL);
    private static final Pattern SYSLOG_BSD = Pattern.compile(
            "^(?:<(?<pri>\\d{1,3})>)?(?<ts>[A-Z][a-z]{2} [ \\d]\\d \\d{2}:\\d{2}:\\d{2})\\s+(?<host>\\S+)\\s+"
                    + "(?<app>[^\\s\\[:]+)(?:\\[\\d+\\])?:\\s?(?<msg>.*)$",
            Pattern.DOTALL);
    private static final Pattern SYSLOG_5424 = Pattern.compile(
            "^<(?<pri>\\d{1,3})>1 (?<ts>\\S+) \\S+ (?<app>\\S+) \\S+ \\S+ (?:-|\\[.*?\\]) ?(?<msg>.*)$",
            Pattern.DOTALL);
    private static final Pattern LOGGER = Pattern.compile("[A-Za-z_$][\\w$]*(\\.[\\w$]+)+");
    private static final Pattern WORD = Pattern.compile("[A-Za-z_][\\w-]*");
    private static final Pattern PID = Pattern.compile("\\d+");
    private static final Pattern DIGIT_OR_SEPARATOR = Pattern.compile("\\d|^[-|:]+$");
    private static final Pattern CLOCK = Pattern.compile("\\b\\d{1,2}:\\d{2}:\\d{2}\\b");
    private static final int MAX_HEADER_PARTS = 8;

    private PlainLine() {}

    static ParsedLine parse(String line, String service) {
        if (StackLines.isContinuation(line)) {
            return ParsedLine.continuationOf(service, null, line);
        }
        Matcher syslog = SYSLOG_5424.matcher(line);
        if (syslog.matches()) {
            return syslog(service, syslog, LogTimes.iso(syslog.group("ts")));
        }
        syslog = SYSLOG_BSD.matcher(line);
        if (syslog.matches()) {
            return syslog(service, syslog, LogTimes.syslog(syslog.group("ts")));
        }
        ParsedLine logfmt = LogfmtLine.parse(line, service);
        if (logfmt != null) {
            return logfmt;
        }
        Matcher python = PYTHON_DEFAULT.matcher(line);
        if (python.matches() && LogLevels.known(python.group("level")) != null) {
            return record(
                    service,
                    null,
                    LogLevels.known(python.group("level")),
                    python.group("msg"),
                    python.group("logger"),
                    null,
                    line);
        }

        return Header.scan(line).toLine(service, line);
    }

    private static ParsedLine syslog(String service, Matcher syslog, Instant time) {
        String pri = syslog.group("pri");
        Header header = Header.scan(syslog.group("msg"));
        String level = header.level;
        if (level == null && pri != null && pri.length() <= 3) {
            level = LogLevels.ofSyslogPriority(Integer.parseInt(pri));
        }
        String logger = header.logger != null ? header.logger : syslog.group("app");

        return record(service, time, level, header.message, logger, header.thread, syslog.group("msg"));
    }

    private static ParsedLine record(
            String service, Instant time, String level, String message, String logger, String thread, String line) {
        String text = message == null || message.isBlank() ? line : message;
        // A stack trace printed without a log line of its own (an uncaught exception) is still an error.
        String effective = level == null && StackLines.startsStackTrace(text) ? "ERROR" : level;

        return new ParsedLine(service, time, effective, text, logger, thread, null, null, false);
    }

    /** The header of a plain line, read part by part; parsing stops at the first unknown part. */
    private static final class Header {

        private Instant time;
        private String level;
        private String thread;
        private String logger;
        private String message;
        private int messageStart = -1;

        static Header scan(String line) {
            Header header = new Header();
            int start = header.readTime(line);
            int pos = header.readParts(line, start);
            if (header.level == null) {
                // Without a level, what looked like a logger or thread may be the message itself;
                // the level may still follow a prefix of numbers, ids and dates this scan does not know.
                header.logger = null;
                header.thread = null;
                int afterLevel = header.readLevelAfterPrefix(line, start);
                pos = afterLevel < 0 ? start : header.readParts(line, afterLevel);
            }
            header.message = line.substring(Math.min(pos, line.length()));

            return header;
        }

        /** Reads header parts from pos; returns where the message starts. */
        private int readParts(String line, int from) {
            int pos = from;
            for (int part = 0; part < MAX_HEADER_PARTS && pos < line.length(); part++) {
                int next = readPart(line, pos);
                if (next < 0) {
                    return messageStart >= 0 ? messageStart : pos;
                }
                pos = skipSpaces(line, next);
            }
            return pos;
        }

        /**
         * Finds a level word after a prefix of tokens that each contain a digit or are separators
         * ({@code 081109 203615 148 INFO}, {@code 17/06/09 20:10:40 INFO}); returns where the
         * header goes on after it, or -1.
         */
        private int readLevelAfterPrefix(String line, int from) {
            int pos = from;
            for (int part = 0; part < MAX_HEADER_PARTS && pos < line.length(); part++) {
                int end = tokenEnd(line, pos);
                String token = line.substring(pos, end);
                String known = LogLevels.known(token);
                if (known != null && token.equals(token.toUpperCase(Locale.ROOT))) {
                    level = known;
                    return skipSpaces(line, end);
                }
                if (!DIGIT_OR_SEPARATOR.matcher(token).find()) {
                    return -1;
                }
                pos = skipSpaces(line, end);
            }
            return -1;
        }

        ParsedLine toLine(String service, String line) {
            return record(service, time, level, message, logger, thread, line);
        }

        private int readTime(String line) {
            Matcher iso = LogTimes.ISO.matcher(line);
            if (iso.lookingAt()) {
                time = LogTimes.iso(iso.group());
                return skipSpaces(line, iso.end());
            }
            if (line.startsWith("[")) {
                int close = line.indexOf(']');
                if (close > 0 && LogTimes.ISO.matcher(line.substring(1, close)).matches()) {
                    time = LogTimes.iso(line.substring(1, close));
                    return skipSpaces(line, close + 1);
                }
            }
            return 0;
        }

        /** Reads one part of the header at pos; returns where it ends, or -1 when the message starts. */
        private int readPart(String line, int pos) {
            char first = line.charAt(pos);
            if (first == '[' || first == '(') {
                return readEnclosed(line, pos, first == '[' ? ']' : ')');
            }
            int end = tokenEnd(line, pos);
            String token = line.substring(pos, end);
            boolean closesHeader = token.length() > 1 && token.endsWith(":");
            String bare = closesHeader ? token.substring(0, token.length() - 1) : token;

            if (token.equals("-") || token.equals(":") || token.equals("|") || token.equals("---")) {
                return level != null && !token.equals("---") ? endHeader(line, end) : end;
            }
            if (level == null && LogLevels.known(bare) != null && bare.equals(bare.toUpperCase(Locale.ROOT))) {
                level = LogLevels.known(bare);
                return closesHeader ? endHeader(line, end) : end;
            }
            if (PID.matcher(token).matches() && line.startsWith("---", skipSpaces(line, end))) {
                return end;
            }
            if (logger == null && isLogger(bare, line, end, closesHeader)) {
                logger = bare;
                return closesHeader && level != null ? endHeader(line, end) : end;
            }
            return -1;
        }

        private boolean isLogger(String token, String line, int end, boolean closesHeader) {
            if (LOGGER.matcher(token).matches()) {
                return true;
            }
            int next = skipSpaces(line, end);
            boolean separatorFollows = next + 1 < line.length()
                    && (line.charAt(next) == '-' || line.charAt(next) == ':')
                    && line.charAt(next + 1) == ' ';

            return WORD.matcher(token).matches() && (closesHeader || separatorFollows);
        }

        private int readEnclosed(String line, int pos, char closing) {
            int close = line.indexOf(closing, pos);
            if (close < 0 || close - pos > 200) {
                return -1;
            }
            String content = line.substring(pos + 1, close).strip();
            if (CLOCK.matcher(content).find()) {
                // A date in brackets, as Apache writes it: part of the header, not a thread.
                time = time == null && LogTimes.ISO.matcher(content).matches() ? LogTimes.iso(content) : time;
            } else if (level == null && LogLevels.known(content) != null) {
                level = LogLevels.known(content);
            } else if (closing == ']'
                    && logger == null
                    && LOGGER.matcher(content).matches()) {
                logger = content;
            } else if (!content.isEmpty() && (closing == ']' || thread == null)) {
                // Spring Boot writes the application name, then the thread: the last one wins.
                thread = content;
            } else {
                return -1;
            }
            return close + 1;
        }

        /** Marks the header as closed by a separator: the message starts after it. */
        private int endHeader(String line, int end) {
            messageStart = skipSpaces(line, end);
            return -1;
        }
    }

    private static int tokenEnd(String line, int pos) {
        int end = pos;
        while (end < line.length() && !Character.isWhitespace(line.charAt(end))) {
            end++;
        }
        return end;
    }

    private static int skipSpaces(String line, int pos) {
        int at = pos;
        while (at < line.length() && (line.charAt(at) == ' ' || line.charAt(at) == '\t')) {
            at++;
        }
        return at;
    }
}
