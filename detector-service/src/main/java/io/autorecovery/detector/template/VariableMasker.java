package io.autorecovery.detector.template;

import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Masks the variable parts of a log message (quoted values, timestamps, UUIDs, IP addresses, hex
 * ids, numbers) so that every occurrence of one fault reads as the same template.
 */
public final class VariableMasker {

    /** Longest message prefix that takes part in a template; the rest is ignored. */
    public static final int MAX_INPUT_CHARS = 4096;

    public static final String QUOTED = "<QUOTED>";
    public static final String TIME = "<TIME>";
    public static final String UUID = "<UUID>";
    public static final String IP = "<IP>";
    public static final String HEX = "<HEX>";
    public static final String NUM = "<NUM>";

    private static final String HEX_GROUP = "[0-9a-fA-F]{1,4}";
    private static final String IPV4_OCTET = "(?:25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)";

    // Order matters: a quoted value is masked whole before its content could be, and the longer
    // shapes (timestamps, UUIDs, addresses) go before the hex ids and numbers they contain.
    private static final List<Mask> MASKS = List.of(
            // A quote opens only after a non-word character, so the apostrophe in "can't" does not.
            new Mask("(?<![\\w'\"])(['\"])[^'\"\\r\\n]{0,256}\\1(?!\\w)", QUOTED),
            new Mask(
                    "\\b\\d{4}-\\d{2}-\\d{2}(?:[T ]\\d{2}:\\d{2}(?::\\d{2}(?:[.,]\\d+)?)?"
                            + "(?:Z|[+-]\\d{2}:?\\d{2})?)?(?![\\w:])",
                    TIME),
            new Mask("\\b\\d{1,2}:\\d{2}:\\d{2}(?:[.,]\\d+)?\\b", TIME),
            new Mask("\\b[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}\\b", UUID),
            new Mask("(?<![\\w.])" + IPV4_OCTET + "(?:\\." + IPV4_OCTET + "){3}(?::\\d{1,5})?(?![\\w.])", IP),
            new Mask("(?<![\\w:])(?:" + HEX_GROUP + ":){7}" + HEX_GROUP + "(?![\\w:])", IP),
            new Mask(
                    "(?<![\\w:])(?:(?:" + HEX_GROUP + "(?::" + HEX_GROUP + "){0,6})?::" + HEX_GROUP + "(?::" + HEX_GROUP
                            + "){0,6}|" + HEX_GROUP + "(?::" + HEX_GROUP + "){0,6}::)(?![\\w:])",
                    IP),
            new Mask("\\b0[xX][0-9a-fA-F]+\\b", HEX),
            // Eight or more hex digits with at least one digit and one letter: hashes, trace and object ids.
            new Mask("\\b(?=[0-9a-fA-F]*\\d)(?=[0-9a-fA-F]*[a-fA-F])[0-9a-fA-F]{8,}\\b", HEX),
            // A number glued to a preceding letter ("db2", "http2", "log4j") names a thing; it stays.
            new Mask("(?<![\\p{L}\\d_])\\d+(?:[.,]\\d+)*", NUM));

    private static final Pattern WHITESPACE = Pattern.compile("\\s+");

    private VariableMasker() {}

    /** The template of a message: its variable parts masked, its whitespace collapsed. */
    public static String mask(String message) {
        if (message == null) {
            return "";
        }
        String template = message.length() > MAX_INPUT_CHARS ? message.substring(0, MAX_INPUT_CHARS) : message;
        for (Mask mask : MASKS) {
            template = mask.pattern().matcher(template).replaceAll(mask.replacement());
        }

        return WHITESPACE.matcher(template).replaceAll(" ").strip();
    }

    private record Mask(Pattern pattern, String replacement) {

        Mask(String regex, String placeholder) {
            this(Pattern.compile(regex), Matcher.quoteReplacement(placeholder));
        }
    }
}
