package io.autorecovery.detector;

import io.autorecovery.contracts.FaultClass;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Objects;

/**
 * The stable identity of a fault signature: the same service, fault class and template id, the
 * same value. A template id is derived from the text the template was first learned with, so a
 * template that generalises later keeps its fingerprints.
 */
public record Fingerprint(String value) {

    /** Hex characters kept from the SHA-256 digest. */
    public static final int LENGTH = 16;

    public Fingerprint {
        Objects.requireNonNull(value, "value");
    }

    public static Fingerprint of(String service, FaultClass faultClass, String templateId) {
        MessageDigest digest = sha256();
        // A separator that cannot occur in a service name keeps ("a", "bc") apart from ("ab", "c").
        digest.update(service.getBytes(StandardCharsets.UTF_8));
        digest.update((byte) '\n');
        digest.update(faultClass.code().getBytes(StandardCharsets.UTF_8));
        digest.update((byte) '\n');
        digest.update(templateId.getBytes(StandardCharsets.UTF_8));

        return new Fingerprint(HexFormat.of().formatHex(digest.digest()).substring(0, LENGTH));
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime provides SHA-256", e);
        }
    }

    @Override
    public String toString() {
        return value;
    }
}
