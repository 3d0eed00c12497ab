package io.autorecovery.contracts;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Arrays;

/**
 * The one vocabulary of fault kinds, shared by synthetic faults, runbooks, analyses and policy.
 * Classes are added, never renamed: a code written once keeps its meaning forever.
 */
public enum FaultClass {
    DB_TIMEOUT("db-timeout"),
    DB_POOL_EXHAUSTED("db-pool-exhausted"),
    SQL_SYNTAX("sql-syntax"),
    DEADLOCK("deadlock"),
    UPSTREAM_TIMEOUT("upstream-timeout"),
    UPSTREAM_ERROR("upstream-error"),
    RATE_LIMITED("rate-limited"),
    NULL_REFERENCE("null-reference"),
    OUT_OF_MEMORY("out-of-memory"),
    DISK_FULL("disk-full"),
    CONFIG_MISSING("config-missing"),
    AUTH_FAILURE("auth-failure"),
    UNKNOWN("unknown");

    private final String code;

    FaultClass(String code) {
        this.code = code;
    }

    @JsonValue
    public String code() {
        return code;
    }

    /** Reads a code; one this reader does not know yet (added by a newer writer) reads as {@link #UNKNOWN}. */
    @JsonCreator
    public static FaultClass of(String code) {
        return Arrays.stream(values())
                .filter(faultClass -> faultClass.code.equals(code))
                .findFirst()
                .orElse(UNKNOWN);
    }
}
