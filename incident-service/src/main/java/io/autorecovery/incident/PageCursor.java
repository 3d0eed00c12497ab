package io.autorecovery.incident;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.UUID;

/**
 * Where a page of incidents ended: the sort it was read in, the last incident's sort key and id.
 * Clients see it as an opaque token and hand it back unchanged.
 */
public record PageCursor(IncidentSort sort, String key, UUID id) {

    private static final int MAX_TOKEN = 200;

    public String encode() {
        String plain = sort.parameter() + "\n" + key + "\n" + id;
        return Base64.getUrlEncoder().withoutPadding().encodeToString(plain.getBytes(StandardCharsets.UTF_8));
    }

    /**
     * Reads a token made by {@link #encode} for the same sort.
     *
     * @throws IllegalArgumentException for anything else
     */
    public static PageCursor decode(String token, IncidentSort expectedSort) {
        if (token.length() > MAX_TOKEN) {
            throw new IllegalArgumentException("the cursor is too long");
        }
        String[] parts;
        try {
            parts = new String(Base64.getUrlDecoder().decode(token), StandardCharsets.UTF_8).split("\n", -1);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("the cursor is not one this service issued");
        }
        if (parts.length != 3) {
            throw new IllegalArgumentException("the cursor is not one this service issued");
        }
        if (!expectedSort.parameter().equals(parts[0])) {
            throw new IllegalArgumentException("the cursor belongs to another sort than " + expectedSort.parameter());
        }
        try {
            expectedSort.validate(parts[1]);
            return new PageCursor(expectedSort, parts[1], UUID.fromString(parts[2]));
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("the cursor is not one this service issued");
        }
    }
}
