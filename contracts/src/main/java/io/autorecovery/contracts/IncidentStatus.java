package io.autorecovery.contracts;

/** Where an incident stands in its life. */
public enum IncidentStatus {
    DETECTED,
    ANALYZED,
    PATCH_PROPOSED,
    DEPLOYING,
    RESOLVED,
    REOPENED,
    NEEDS_HUMAN
}
