package io.autorecovery.contracts;

/** A person's action on an incident, named on the {@code incidents.updated} event it causes. */
public enum IncidentAction {
    ACKNOWLEDGED,
    APPROVED,
    REJECTED,
    RESOLVED,
    REOPENED,
    NOTE
}
