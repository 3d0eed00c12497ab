package io.autorecovery.detector;

import io.autorecovery.contracts.FaultClass;
import io.autorecovery.contracts.Severity;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * One occurrence of a fault, whether reported over HTTP or read from an error log record.
 *
 * @param severity as reported, or null to derive it from the fault class
 * @param stackTrace null when the source had none
 */
public record FaultSignal(
        String service,
        FaultClass faultClass,
        String message,
        Severity severity,
        String stackTrace,
        Instant occurredAt) {

    /** Service names become Redis keys and event fields, so their size and shape are bounded. */
    public static final int MAX_SERVICE_LENGTH = 128;

    public FaultSignal {
        Objects.requireNonNull(service, "service");
        Objects.requireNonNull(faultClass, "faultClass");
        Objects.requireNonNull(message, "message");
        Objects.requireNonNull(occurredAt, "occurredAt");
    }

    /** The reported severity, else the usual severity of the fault class. */
    public Severity effectiveSeverity() {
        return severity != null ? severity : FaultSeverity.of(faultClass);
    }

    /** What is wrong with a service name, or empty when it is acceptable. */
    public static Optional<String> serviceNameProblem(String service) {
        if (service == null || service.isBlank()) {
            return Optional.of("is missing");
        }
        if (service.length() > MAX_SERVICE_LENGTH) {
            return Optional.of("is longer than " + MAX_SERVICE_LENGTH + " characters");
        }
        if (hasSpaceOrControl(service)) {
            return Optional.of("must not contain whitespace or control characters");
        }

        return Optional.empty();
    }

    /**
     * Whether the text holds an ASCII whitespace or control character (regex {@code [\s\p{Cntrl}]}):
     * U+0000 to U+0020, or U+007F.
     */
    private static boolean hasSpaceOrControl(String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c <= ' ' || c == 0x7F) {
                return true;
            }
        }
        return false;
    }
}
