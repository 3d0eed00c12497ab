package io.autorecovery.detector.template;

import java.util.Arrays;

/**
 * Splits a log message into whitespace-separated tokens and masks the variable ones as {@code
 * <*>}: numbers, hex ids, UUIDs, IP addresses, paths, URLs, durations, quoted values and any
 * other token that contains a digit. In {@code key=value} only the value is masked, and a quoted
 * value after {@code =} stays one token even when it contains spaces. One scan per token, no
 * regular expressions: the miner runs on every line a service logs.
 */
public final class LogTokenizer {

    /** Longest message prefix that takes part in a template. */
    public static final int MAX_CHARS = 4096;

    /** Most tokens that take part in a template. */
    public static final int MAX_TOKENS = 256;

    public static final String WILDCARD = "<*>";

    private static final String DELIMITERS = ",:=|;()[]{}";
    private static final String[] NO_STRINGS = new String[0];
    private static final MaskRule[] NO_RULES = new MaskRule[0];

    private LogTokenizer() {}

    public static TokenizedLine tokenize(String message) {
        if (message == null || message.isEmpty()) {
            return new TokenizedLine(NO_STRINGS, NO_STRINGS, NO_RULES, false);
        }
        boolean truncated = message.length() > MAX_CHARS;
        int end = Math.min(message.length(), MAX_CHARS);
        String[] originals = new String[16];
        int count = 0;
        int i = 0;
        while (i < end) {
            while (i < end && isSpace(message.charAt(i))) {
                i++;
            }
            if (i == end) {
                break;
            }
            if (count == MAX_TOKENS) {
                truncated = true;
                break;
            }
            int start = i;
            i = tokenEnd(message, start, end);
            if (count == originals.length) {
                originals = Arrays.copyOf(originals, count * 2);
            }
            originals[count++] = message.substring(start, i);
        }

        return mask(Arrays.copyOf(originals, count), truncated);
    }

    private static int tokenEnd(String text, int start, int end) {
        char quote = 0;
        int i = start;
        for (; i < end; i++) {
            char c = text.charAt(i);
            if (quote != 0) {
                if (c == quote) {
                    quote = 0;
                }
            } else if (isSpace(c)) {
                break;
            } else if ((c == '"' || c == '\'') && i > start && text.charAt(i - 1) == '=') {
                // key="a value with spaces" is one token, so its word count cannot vary.
                quote = c;
            }
        }

        return i;
    }

    private static TokenizedLine mask(String[] originals, boolean truncated) {
        String[] tokens = new String[originals.length];
        MaskRule[] rules = new MaskRule[originals.length];
        for (int t = 0; t < originals.length; t++) {
            maskToken(originals[t], t, tokens, rules);
        }

        return new TokenizedLine(originals, tokens, rules, truncated);
    }

    /**
     * A quoted value, URL or path is masked whole; otherwise each part between delimiters ({@code
     * , : = | ; ( ) [ ] { }}) that contains a digit is, so {@code index:0} reads {@code index:<*>}.
     */
    private static void maskToken(String token, int t, String[] tokens, MaskRule[] rules) {
        MaskRule whole = ruleOf(token);
        if (whole != null && whole != MaskRule.WITH_DIGITS && whole != MaskRule.NUMBER) {
            tokens[t] = WILDCARD;
            rules[t] = whole;
            return;
        }
        int quote = quotedValueStart(token);
        if (whole == null && quote < 0) {
            tokens[t] = token;
            return;
        }
        StringBuilder masked = null;
        MaskRule first = null;
        boolean keptPart = false;
        int end = quote < 0 ? token.length() : quote;
        int from = 0;
        for (int i = 0; i <= end; i++) {
            if (i < end && DELIMITERS.indexOf(token.charAt(i)) < 0) {
                continue;
            }
            MaskRule part = i > from && hasDigit(token, from, i) ? shapeOf(token.substring(from, i)) : null;
            if (part != null && from == 0 && i == token.length()) {
                tokens[t] = WILDCARD;
                rules[t] = part;
                return;
            }
            if (part != null || masked != null) {
                if (masked == null) {
                    masked = new StringBuilder(token.length()).append(token, 0, from);
                }
                masked.append(part == null ? token.substring(from, i) : WILDCARD);
                first = first == null ? part : first;
            }
            keptPart |= part == null && i > from;
            if (i < end) {
                if (masked != null) {
                    masked.append(token.charAt(i));
                }
                from = i + 1;
            }
        }
        if (quote >= 0) {
            masked = masked == null ? new StringBuilder(token.substring(0, quote)) : masked;
            masked.append(WILDCARD);
            first = first == null ? MaskRule.QUOTED : first;
        }
        // A token made only of variables and delimiters (1.2.3.4:22, 10.0.0.1,10.0.0.2) is one variable.
        boolean allMasked = masked != null && !keptPart && quote < 0;
        tokens[t] = masked == null ? token : allMasked ? WILDCARD : masked.toString();
        rules[t] = first;
    }

    /** Where a quoted value after {@code =} starts in a token, or -1. */
    private static int quotedValueStart(String token) {
        int eq = token.indexOf('=');
        if (eq < 0 || eq + 1 >= token.length()) {
            return -1;
        }
        char c = token.charAt(eq + 1);

        return c == '"' || c == '\'' ? eq + 1 : -1;
    }

    /** The tokens of a template saved as text (tokens joined by single spaces). */
    public static String[] splitTemplate(String text) {
        return text.isEmpty() ? NO_STRINGS : text.split(" ");
    }

    /** The rule that makes a whole token a variable, or null when it is a constant. */
    static MaskRule ruleOf(String token) {
        int length = token.length();
        char first = token.charAt(0);
        if (length >= 2 && (first == '"' || first == '\'') && token.charAt(length - 1) == first) {
            return MaskRule.QUOTED;
        }
        if (token.contains("://")) {
            return MaskRule.URL;
        }
        if (isPath(token)) {
            return MaskRule.PATH;
        }
        if (!hasDigit(token, 0, length)) {
            return null;
        }

        return shapeOf(trimPunctuation(token));
    }

    private static MaskRule shapeOf(String core) {
        if (isUuid(core)) {
            return MaskRule.UUID;
        }
        if (isIpv4(core)) {
            return MaskRule.IP;
        }
        if (isHex(core)) {
            return MaskRule.HEX;
        }
        int digitsEnd = numberEnd(core);
        if (digitsEnd == core.length()) {
            return MaskRule.NUMBER;
        }
        if (digitsEnd > 0 && isTimeUnit(core.substring(digitsEnd))) {
            return MaskRule.DURATION;
        }

        return MaskRule.WITH_DIGITS;
    }

    private static boolean isPath(String token) {
        int length = token.length();
        if (length < 2) {
            return false;
        }
        char first = token.charAt(0);
        if (first == '/') {
            return token.charAt(1) != '/' || length > 2;
        }
        if (first == '~' || first == '.') {
            return token.startsWith("~/") || token.startsWith("./") || token.startsWith("../");
        }

        return length > 3
                && Character.isLetter(first)
                && token.charAt(1) == ':'
                && (token.charAt(2) == '\\' || token.charAt(2) == '/');
    }

    private static String trimPunctuation(String token) {
        int from = 0;
        int to = token.length();
        while (from < to && "([{<".indexOf(token.charAt(from)) >= 0) {
            from++;
        }
        while (to > from && ",;:.)]}>".indexOf(token.charAt(to - 1)) >= 0) {
            to--;
        }

        return from == 0 && to == token.length() ? token : token.substring(from, to);
    }

    private static boolean isUuid(String s) {
        if (s.length() != 36) {
            return false;
        }
        for (int i = 0; i < 36; i++) {
            char c = s.charAt(i);
            boolean dash = i == 8 || i == 13 || i == 18 || i == 23;
            if (dash ? c != '-' : !isHexDigit(c)) {
                return false;
            }
        }

        return true;
    }

    private static boolean isIpv4(String s) {
        int dots = 0;
        int digits = 0;
        int i = 0;
        for (; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c >= '0' && c <= '9') {
                if (++digits > 3) {
                    return false;
                }
            } else if (c == '.' && digits > 0 && dots < 3) {
                dots++;
                digits = 0;
            } else {
                break;
            }
        }
        if (dots != 3 || digits == 0) {
            return false;
        }
        if (i == s.length()) {
            return true;
        }

        return s.charAt(i) == ':' && i + 1 < s.length() && numberEnd(s.substring(i + 1)) == s.length() - i - 1;
    }

    private static boolean isHex(String s) {
        int from = s.startsWith("0x") || s.startsWith("0X") ? 2 : 0;
        if (s.length() - from < (from == 2 ? 1 : 8)) {
            return false;
        }
        boolean letter = from == 2;
        for (int i = from; i < s.length(); i++) {
            char c = s.charAt(i);
            if (!isHexDigit(c)) {
                return false;
            }
            letter |= c > '9';
        }

        return letter;
    }

    /** Where a leading number ({@code -12}, {@code 3.5}, {@code 1,024}) ends; 0 when none. */
    private static int numberEnd(String s) {
        int i = 0;
        if (i < s.length() && (s.charAt(i) == '-' || s.charAt(i) == '+')) {
            i++;
        }
        int digitsFrom = i;
        int lastDigit = -1;
        for (; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c >= '0' && c <= '9') {
                lastDigit = i;
            } else if (!((c == '.' || c == ',') && lastDigit == i - 1)) {
                break;
            }
        }

        return lastDigit < digitsFrom ? 0 : lastDigit + 1;
    }

    private static boolean isTimeUnit(String unit) {
        return switch (unit) {
            case "ns", "us", "µs", "ms", "s", "sec", "secs", "m", "min", "mins", "h", "hr", "hrs", "d" -> true;
            default -> false;
        };
    }

    private static boolean hasDigit(String s, int from, int to) {
        for (int i = from; i < to; i++) {
            char c = s.charAt(i);
            if (c >= '0' && c <= '9') {
                return true;
            }
        }

        return false;
    }

    private static boolean isHexDigit(char c) {
        return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
    }

    private static boolean isSpace(char c) {
        return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == 0x0B;
    }
}
