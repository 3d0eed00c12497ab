package io.autorecovery.contracts;

/**
 * Where an incident stands in its life. Constants are only ever added: readers of older events must
 * keep understanding them.
 */
public enum IncidentStatus {
    DETECTED,
    /** Diagnosed: the root-cause analysis is in. */
    ANALYZED,
    PATCH_PROPOSED,
    DEPLOYING,
    RESOLVED,
    REOPENED,
    /** No safe patch, a rejected patch, or a failed step: a person has to take it from here. */
    NEEDS_HUMAN,
    ANALYZING,
    /** A patch is ready and policy holds it until an operator approves or rejects it. */
    AWAITING_APPROVAL,
    /** The rollout is done; the fault's fingerprint is being watched before calling it fixed. */
    VERIFYING,
    /** The deploy that was to fix the incident failed. */
    FAILED
}
