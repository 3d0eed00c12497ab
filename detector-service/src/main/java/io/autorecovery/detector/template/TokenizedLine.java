package io.autorecovery.detector.template;

import java.util.ArrayList;
import java.util.List;

/**
 * A log message split into tokens, with the variable tokens already masked. {@code rules[i]} is
 * the rule that masked token {@code i}, or null where the token was kept.
 */
public record TokenizedLine(String[] originals, String[] tokens, MaskRule[] rules, boolean truncated) {

    /** The tokens that were masked, in order, each with its rule. */
    public List<MaskedToken> maskedTokens() {
        List<MaskedToken> masked = new ArrayList<>();
        for (int i = 0; i < rules.length; i++) {
            if (rules[i] != null) {
                masked.add(new MaskedToken(i, originals[i], tokens[i], rules[i]));
            }
        }

        return masked;
    }
}
