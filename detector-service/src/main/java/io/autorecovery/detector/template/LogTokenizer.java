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
    private static final boolean[] IS_DELIMITER = asciiTable(DELIMITERS);

    // What a character means to the token scan; every character from 128 up is ORDINARY.
    private static final byte ORDINARY = 0;
    private static final byte SPACE = 1;
    private static final byte SPECIAL = 2;
    private static final byte QUOTE = 3;
    private static final byte[] KINDS = kinds();
    private static final String[] NO_STRINGS = new String[0];
    private static final MaskRule[] NO_RULES = new MaskRule[0];

    private LogTokenizer() {}

    public static TokenizedLine tokenize(String message) {
        if (message == null || message.isEmpty()) {
            return new TokenizedLine(NO_STRINGS, NO_STRINGS, NO_RULES, false);
        }
        int end = Math.min(message.length(), MAX_CHARS);
        Scanner scanner = new Scanner(message, end);
        String[] originals = new String[16];
        String[] tokens = new String[16];
        MaskRule[] rules = new MaskRule[16];
        int count = 0;
        boolean truncated = message.length() > MAX_CHARS;
        while (scanner.skipSpaces()) {
            if (count == MAX_TOKENS) {
                truncated = true;
                break;
            }
            if (count == originals.length) {
                originals = Arrays.copyOf(originals, count * 2);
                tokens = Arrays.copyOf(tokens, count * 2);
                rules = Arrays.copyOf(rules, count * 2);
            }
            int start = scanner.position();
            boolean plain = scanner.skipToken();
            String token = message.substring(start, scanner.position());
            originals[count] = token;
            if (plain) {
                tokens[count] = token;
            } else {
                maskToken(token, count, tokens, rules);
            }
            count++;
        }

        return new TokenizedLine(
                Arrays.copyOf(originals, count), Arrays.copyOf(tokens, count), Arrays.copyOf(rules, count), truncated);
    }

    /**
     * Walks a message's characters, copied once into an array, token by token, and notes on the way
     * whether a token is a plain word that no rule can mask: no digit, no {@code :} (URLs, drive
     * paths), no {@code =} (quoted values), and no first character that starts a quoted value or a
     * path. Most tokens are such words and skip masking altogether.
     */
    private static final class Scanner {

        private final char[] chars;
        private final int end;
        private int pos;

        Scanner(String message, int end) {
            this.chars = new char[end];
            this.end = end;
            message.getChars(0, end, chars, 0);
        }

        int position() {
            return pos;
        }

        /** Moves to the next token; false at the end of the message. */
        boolean skipSpaces() {
            while (pos < end && isSpace(chars[pos])) {
                pos++;
            }

            return pos < end;
        }

        /** Moves past the token that starts here; returns whether it is a plain word. */
        boolean skipToken() {
            int start = pos;
            char first = chars[start];
            boolean plain = first != '"' && first != '\'' && first != '/' && first != '~' && first != '.';
            for (; pos < end; pos++) {
                char c = chars[pos];
                int kind = c < KINDS.length ? KINDS[c] : ORDINARY;
                if (kind == ORDINARY) {
                    continue;
                }
                if (kind == SPACE) {
                    break;
                }
                if (kind == SPECIAL) {
                    plain = false;
                } else if (pos > start && chars[pos - 1] == '=') {
                    // key="a value with spaces" is one token, so its word count cannot vary.
                    skipQuoted(c);
                }
            }

            return plain;
        }

        /** Moves to the closing quote, or to the end of the message when there is none. */
        private void skipQuoted(char quote) {
            pos++;
            while (pos < end && chars[pos] != quote) {
                pos++;
            }
            if (pos == end) {
                pos--;
            }
        }
    }

    /**
     * A quoted value, URL or path is masked whole; otherwise each part between delimiters ({@code
     * , : = | ; ( ) [ ] { }}) that contains a digit is, so {@code index:0} reads {@code index:<*>}.
     */
    private static void maskToken(String token, int t, String[] tokens, MaskRule[] rules) {
        MaskRule whole = ruleOf(token);
        if (whole != null && (whole != MaskRule.WITH_DIGITS && whole != MaskRule.NUMBER || isOnePart(token))) {
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
            if (i < end && !isDelimiter(token.charAt(i))) {
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

    /**
     * Whether a token is a single part with no punctuation to trim: then the part's rule is the
     * whole token's, and the token is one variable.
     */
    private static boolean isOnePart(String token) {
        int last = token.length() - 1;
        if (token.charAt(0) == '<' || token.charAt(last) == '.' || token.charAt(last) == '>') {
            return false;
        }
        for (int i = 0; i <= last; i++) {
            if (isDelimiter(token.charAt(i))) {
                return false;
            }
        }

        return true;
    }

    private static boolean isDelimiter(char c) {
        return c < IS_DELIMITER.length && IS_DELIMITER[c];
    }

    private static byte[] kinds() {
        byte[] kinds = new byte[128];
        for (char c : new char[] {' ', '\t', '\n', '\r', '\f', 0x0B}) {
            kinds[c] = SPACE;
        }
        for (char c : "0123456789:=".toCharArray()) {
            kinds[c] = SPECIAL;
        }
        kinds['"'] = QUOTE;
        kinds['\''] = QUOTE;

        return kinds;
    }

    private static boolean[] asciiTable(String chars) {
        boolean[] table = new boolean[128];
        for (int i = 0; i < chars.length(); i++) {
            table[chars.charAt(i)] = true;
        }

        return table;
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
        return c <= ' ' && (c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == 0x0B);
    }
}
