package io.autorecovery.detector.template;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * One learned template: the tokens every line of its group shares, {@code <*>} where they differ.
 * Its id is derived from the first line that formed it, so it survives restarts and generalising.
 */
public final class LogTemplate {

    private static final ThreadLocal<MessageDigest> SHA_256 = ThreadLocal.withInitial(LogTemplate::sha256);

    private final String id;
    private String[] tokens;
    private int wildcards;
    private long matches;

    LogTemplate(String id, String[] tokens) {
        this.id = id;
        this.tokens = tokens;
        this.wildcards = countWildcards(tokens);
    }

    /** The id of a template first formed from these tokens: 16 hex characters of SHA-256. */
    public static String idOf(String[] tokens) {
        MessageDigest digest = SHA_256.get();
        digest.update(String.join(" ", tokens).getBytes(StandardCharsets.UTF_8));

        return HexFormat.of().formatHex(digest.digest()).substring(0, 16);
    }

    public String id() {
        return id;
    }

    /** The template's tokens; never modify the returned array. */
    public String[] tokens() {
        return tokens;
    }

    public String text() {
        return String.join(" ", tokens);
    }

    /** How many of its tokens are {@code <*>}. */
    public int wildcards() {
        return wildcards;
    }

    private static int countWildcards(String[] tokens) {
        int count = 0;
        for (String token : tokens) {
            count += token.equals(LogTokenizer.WILDCARD) ? 1 : 0;
        }

        return count;
    }

    public long matches() {
        return matches;
    }

    void matched() {
        matches++;
    }

    /** Generalises the template to cover the line; returns whether the template changed. */
    boolean absorb(String[] line) {
        String[] merged = null;
        for (int i = 0; i < tokens.length; i++) {
            if (!tokens[i].equals(line[i]) && !LogTokenizer.WILDCARD.equals(tokens[i])) {
                if (merged == null) {
                    merged = tokens.clone();
                }
                merged[i] = LogTokenizer.WILDCARD;
            }
        }
        if (merged == null) {
            return false;
        }
        tokens = merged;
        wildcards = countWildcards(merged);

        return true;
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime provides SHA-256", e);
        }
    }
}
