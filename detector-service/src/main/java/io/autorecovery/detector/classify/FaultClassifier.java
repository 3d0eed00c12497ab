package io.autorecovery.detector.classify;

import io.autorecovery.contracts.FaultClass;
import io.autorecovery.detector.stack.RecentTraces;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;
import java.util.regex.Pattern;

/**
 * Infers the fault class of an error log record from keywords in its message and stack trace.
 * Rules are tried in order and the first match wins, so the more specific ones come first. The
 * text is scanned once for timeouts and once for status codes, whichever rules ask.
 */
public final class FaultClassifier {

    /** Longest prefix of the message, and of the stack trace, that is searched. */
    static final int MAX_TEXT_CHARS = 16 * 1024;

    private static final Pattern TIMEOUT = Pattern.compile("timeout|\\btime[ds]?[ -]out\\b");
    private static final Pattern NULL_IN_HELPFUL_NPE = Pattern.compile("because \"[^\"]*\" is null");

    private static final List<Rule> RULES = List.of(
            new Rule(
                    FaultClass.OUT_OF_MEMORY,
                    anyOf("outofmemoryerror", "out of memory", "oomkilled", "cannot allocate memory")),
            new Rule(FaultClass.DISK_FULL, anyOf("no space left", "disk full", "disk quota exceeded")),
            new Rule(FaultClass.DEADLOCK, anyOf("deadlock")),
            new Rule(
                    FaultClass.SQL_SYNTAX,
                    anyOf("sqlsyntaxerrorexception", "syntax error", "sql syntax", "bad sql grammar")),
            new Rule(
                    FaultClass.DB_POOL_EXHAUSTED,
                    anyOf("connection is not available", "pool exhausted", "remaining connection slots")
                            .or(timeout().and(anyOf("pool")))),
            new Rule(
                    FaultClass.UPSTREAM_TIMEOUT,
                    anyOf("read timed out", "connect timed out", "sockettimeoutexception", "gateway timeout")
                            .or(statusCode("504"))),
            new Rule(
                    FaultClass.DB_TIMEOUT,
                    timeout().and(anyOf("connection", "jdbc", "sql", "database", "query", "statement", "lock wait"))),
            new Rule(
                    FaultClass.NULL_REFERENCE,
                    anyOf("nullpointerexception", "null reference", "nonetype", "cannot read properties of null")
                            .or(Searched::namesNullInHelpfulMessage)),
            new Rule(
                    FaultClass.RATE_LIMITED,
                    anyOf("too many requests", "rate limit", "rate-limit", "ratelimit", "throttl")
                            .or(statusCode("429"))),
            new Rule(
                    FaultClass.AUTH_FAILURE,
                    anyOf("unauthorized", "forbidden", "authentication failed", "access denied", "invalid token")
                            .or(statusCode("401"))
                            .or(statusCode("403"))),
            new Rule(
                    FaultClass.CONFIG_MISSING,
                    anyOf("config", "property", "environment variable", "setting")
                            .and(anyOf(
                                    "missing",
                                    "not set",
                                    "not found",
                                    "not defined",
                                    "undefined",
                                    "is required",
                                    "could not be found"))),
            new Rule(
                    FaultClass.UPSTREAM_ERROR,
                    anyOf("upstream", "bad gateway", "service unavailable")
                            .or(statusCode("502"))
                            .or(statusCode("503"))),
            // A timeout that names no database is most often a call to another service.
            new Rule(FaultClass.UPSTREAM_TIMEOUT, timeout()));

    /** The stack traces searched lately, with what was found in them: 4 Mi characters of traces in all. */
    private static final RecentTraces<Text> STACK_TRACES = new RecentTraces<>(4L * 1024 * 1024, MAX_TEXT_CHARS);

    private FaultClassifier() {}

    /** The fault class of a record; {@link FaultClass#UNKNOWN} when no rule matches. */
    public static FaultClass classify(String message, String stackTrace) {
        Searched searched = new Searched(new Text(message, false), STACK_TRACES.of(stackTrace, Text::remembering));
        for (Rule rule : RULES) {
            if (rule.matches().test(searched)) {
                return rule.faultClass();
            }
        }
        return FaultClass.UNKNOWN;
    }

    /**
     * Message and stack trace, searched each on its own (no keyword spans the line break between
     * them). A failing call path prints the same trace again and again, so a trace's text and what
     * was found in it are kept for the next occurrence.
     */
    private record Searched(Text message, Text stackTrace) {

        boolean contains(String keyword) {
            return message.contains(keyword) || stackTrace.contains(keyword);
        }

        boolean mentionsTimeout() {
            return message.mentionsTimeout() || stackTrace.mentionsTimeout();
        }

        boolean hasStatusCode(String code) {
            return message.hasStatusCode(code) || stackTrace.hasStatusCode(code);
        }

        boolean namesNullInHelpfulMessage() {
            return message.namesNullInHelpfulMessage() || stackTrace.namesNullInHelpfulMessage();
        }
    }

    /**
     * At most the first {@link #MAX_TEXT_CHARS} of a text, lower-cased, and what the scans found in
     * it; a text kept for later occurrences also remembers which keywords it contains.
     */
    private static final class Text {
        private final String lower;
        private final Map<String, Boolean> found;
        private Boolean timeout;
        private Boolean helpfulNull;
        private Set<String> statusCodes;

        Text(String text, boolean remembered) {
            String searched = text == null ? "" : text;
            this.lower = (searched.length() > MAX_TEXT_CHARS ? searched.substring(0, MAX_TEXT_CHARS) : searched)
                    .toLowerCase(Locale.ROOT);
            this.found = remembered ? new HashMap<>() : null;
        }

        static Text remembering(String text) {
            return new Text(text, true);
        }

        synchronized boolean contains(String keyword) {
            return found == null ? lower.contains(keyword) : found.computeIfAbsent(keyword, lower::contains);
        }

        synchronized boolean mentionsTimeout() {
            if (timeout == null) {
                // Every spelling contains "time": most texts are ruled out by one fast search.
                timeout = lower.contains("time") && TIMEOUT.matcher(lower).find();
            }
            return timeout;
        }

        synchronized boolean namesNullInHelpfulMessage() {
            if (helpfulNull == null) {
                helpfulNull = lower.contains("because \"")
                        && NULL_IN_HELPFUL_NPE.matcher(lower).find();
            }
            return helpfulNull;
        }

        synchronized boolean hasStatusCode(String code) {
            if (statusCodes == null) {
                statusCodes = statusCodesIn(lower);
            }
            return statusCodes.contains(code);
        }
    }

    /**
     * The three-digit numbers from 100 to 599 that stand alone in the text: not preceded by a
     * letter, digit, {@code _ : . / -} (so not a line number such as {@code Foo.java:401}, nor part
     * of a path, version or id) and not followed by a letter, digit, {@code _} or {@code .}. One pass
     * over the text, where a regular expression would try every position.
     */
    static Set<String> statusCodesIn(String text) {
        Set<String> codes = new HashSet<>(4);
        int length = text.length();
        int i = 0;
        while (i < length) {
            if (!isDigit(text.charAt(i))) {
                i++;
                continue;
            }
            int start = i;
            while (i < length && isDigit(text.charAt(i))) {
                i++;
            }
            boolean alone = i - start == 3
                    && text.charAt(start) >= '1'
                    && text.charAt(start) <= '5'
                    && (start == 0 || !endsAWord(text.charAt(start - 1)))
                    && (i == length || !startsAWord(text.charAt(i)));
            if (alone) {
                codes.add(text.substring(start, i));
            }
        }
        return codes;
    }

    private static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }

    private static boolean isWordChar(char c) {
        return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || isDigit(c) || c == '_';
    }

    /** A character before a number that makes it part of something else: a word, line number, path or id. */
    private static boolean endsAWord(char c) {
        return isWordChar(c) || c == ':' || c == '.' || c == '/' || c == '-';
    }

    /** A character after a number that makes it part of something else. */
    private static boolean startsAWord(char c) {
        return isWordChar(c) || c == '.';
    }

    private static Predicate<Searched> anyOf(String... keywords) {
        return text -> {
            for (String keyword : keywords) {
                if (text.contains(keyword)) {
                    return true;
                }
            }
            return false;
        };
    }

    private static Predicate<Searched> timeout() {
        return Searched::mentionsTimeout;
    }

    /** An HTTP status code standing alone, not a line number ("Foo.java:401") or part of a path or id. */
    private static Predicate<Searched> statusCode(String code) {
        return text -> text.hasStatusCode(code);
    }

    private record Rule(FaultClass faultClass, Predicate<Searched> matches) {}
}
