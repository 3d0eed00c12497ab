package io.autorecovery.incident;

import io.autorecovery.contracts.IncidentStatus;
import java.util.Map;

/**
 * The incident state machine. Pipeline stages only move forward, so a late or replayed event from
 * an earlier stage never drags an incident back; a person can always be asked to step in.
 */
final class Lifecycle {

    private static final Map<IncidentStatus, Integer> STAGE = Map.of(
            IncidentStatus.DETECTED, 0,
            IncidentStatus.REOPENED, 0,
            IncidentStatus.ANALYZED, 1,
            IncidentStatus.PATCH_PROPOSED, 2,
            IncidentStatus.NEEDS_HUMAN, 2,
            IncidentStatus.DEPLOYING, 3,
            IncidentStatus.RESOLVED, 4);

    private Lifecycle() {}

    static boolean allows(IncidentStatus from, IncidentStatus to) {
        if (from == IncidentStatus.RESOLVED) {
            return false;
        }
        if (to == IncidentStatus.NEEDS_HUMAN || to == IncidentStatus.REOPENED) {
            return from != to;
        }
        return STAGE.get(to) > STAGE.get(from);
    }
}
