package io.autorecovery.rag;

import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Masks secrets and personal data in log text before it is stored, embedded or shown to a model:
 * credentials, tokens, keys, e-mail and IP addresses, and card numbers.
 */
public final class LogMask {

    private record Rule(Pattern pattern, String replacement) {}

    private static final List<Rule> RULES = List.of(
            rule("-----BEGIN [A-Z ]*PRIVATE KEY-----[\\s\\S]*?(-----END [A-Z ]*PRIVATE KEY-----|$)", "<private-key>"),
            rule("\\beyJ[A-Za-z0-9_-]{5,}\\.[A-Za-z0-9_-]{5,}\\.[A-Za-z0-9_-]*", "<jwt>"),
            rule("(?i)\\b(bearer|basic)\\s+[A-Za-z0-9._~+/=-]{8,}", "$1 <secret>"),
            rule("(?i)\\b([a-z][a-z0-9+.-]*://)[^\\s/:@]+:[^\\s/@]+@", "$1<secret>@"),
            rule(
                    "(?i)([\"']?[a-z0-9_.-]*(password|passwd|pwd|secret|token|api[_-]?key|access[_-]?key"
                            + "|private[_-]?key|credentials?|authorization|session[_-]?id)[\"']?\\s*[:=]\\s*)"
                            + "(\"[^\"]*\"|'[^']*'|[^\\s,;&}]+)",
                    "$1<secret>"),
            rule("\\b(AKIA|ASIA)[0-9A-Z]{16}\\b", "<aws-key>"),
            rule("\\bAIza[0-9A-Za-z_-]{35}\\b", "<api-key>"),
            rule("\\b(ghp|gho|ghs|ghu|github_pat)_[A-Za-z0-9_]{20,}\\b", "<github-token>"),
            rule("\\b(sk|pk|rk)_(live|test)_[A-Za-z0-9]{10,}\\b", "<api-key>"),
            rule("\\bxox[abposr]-[A-Za-z0-9-]{10,}\\b", "<slack-token>"),
            rule("[A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+\\.[A-Za-z]{2,}", "<email>"),
            rule("\\b(?:(?:25[0-5]|2[0-4]\\d|1?\\d?\\d)\\.){3}(?:25[0-5]|2[0-4]\\d|1?\\d?\\d)\\b", "<ip>"),
            rule("\\b(?:[0-9a-fA-F]{1,4}:){7}[0-9a-fA-F]{1,4}\\b", "<ip>"));

    private static final Pattern CARD = Pattern.compile("\\b\\d(?:[ -]?\\d){12,18}\\b");

    private LogMask() {}

    public static String mask(String text) {
        if (text == null || text.isEmpty()) {
            return text;
        }
        String masked = text;
        for (Rule rule : RULES) {
            masked = rule.pattern().matcher(masked).replaceAll(rule.replacement());
        }
        return maskCards(masked);
    }

    /** Card numbers: 13 to 19 digits, optionally grouped, that pass the Luhn check. */
    private static String maskCards(String text) {
        Matcher matcher = CARD.matcher(text);
        StringBuilder masked = new StringBuilder();
        while (matcher.find()) {
            String digits = matcher.group().replaceAll("[ -]", "");
            matcher.appendReplacement(masked, luhn(digits) ? "<card>" : Matcher.quoteReplacement(matcher.group()));
        }
        matcher.appendTail(masked);
        return masked.toString();
    }

    private static boolean luhn(String digits) {
        int sum = 0;
        boolean twice = false;
        for (int i = digits.length() - 1; i >= 0; i--) {
            int digit = digits.charAt(i) - '0';
            if (twice) {
                digit = digit * 2 > 9 ? digit * 2 - 9 : digit * 2;
            }
            sum += digit;
            twice = !twice;
        }
        return sum % 10 == 0;
    }

    private static Rule rule(String regex, String replacement) {
        return new Rule(Pattern.compile(regex), replacement);
    }
}
