package io.autorecovery.contracts;

/** How badly a fault hurts, from a single failed request up to an outage. */
public enum Severity {
    LOW,
    MEDIUM,
    HIGH,
    CRITICAL
}
