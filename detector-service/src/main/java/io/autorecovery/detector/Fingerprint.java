package io.autorecovery.detector;

import io.autorecovery.contracts.FaultClass;
import io.autorecovery.detector.stack.StackSignature;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Objects;

/**
 * The stable identity of a fault signature. A fault with a stack trace is identified by its
 * service and stack signature; any other by its service, fault class and template id. A template
 * id is derived from the text the template was first learned with, so a template that generalises
 * later keeps its fingerprints.
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

    /**
     * The fingerprint of a fault with a stack trace: service and stack signature, so the same bug
     * keeps its fingerprint whatever its message says and in which build it happens.
     */
    public static Fingerprint ofStack(String service, StackSignature stack) {
        MessageDigest digest = sha256();
        digest.update(service.getBytes(StandardCharsets.UTF_8));
        digest.update((byte) '\n');
        digest.update("stack".getBytes(StandardCharsets.UTF_8));
        digest.update((byte) '\n');
        digest.update(stack.digest().getBytes(StandardCharsets.UTF_8));

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
