package io.autorecovery.detector;

import io.autorecovery.contracts.FaultClass;
import io.autorecovery.contracts.Severity;

/** The usual severity of each fault class, used when the source of a fault does not say. */
public final class FaultSeverity {

    private FaultSeverity() {}

    public static Severity of(FaultClass faultClass) {
        return switch (faultClass) {
            case OUT_OF_MEMORY, DISK_FULL -> Severity.CRITICAL;
            case DB_TIMEOUT, DB_POOL_EXHAUSTED, DEADLOCK, UPSTREAM_TIMEOUT, UPSTREAM_ERROR -> Severity.HIGH;
            default -> Severity.MEDIUM;
        };
    }
}
