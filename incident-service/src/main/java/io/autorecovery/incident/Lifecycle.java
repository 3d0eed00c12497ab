package io.autorecovery.incident;

import static io.autorecovery.contracts.IncidentStatus.ANALYZED;
import static io.autorecovery.contracts.IncidentStatus.ANALYZING;
import static io.autorecovery.contracts.IncidentStatus.AWAITING_APPROVAL;
import static io.autorecovery.contracts.IncidentStatus.DEPLOYING;
import static io.autorecovery.contracts.IncidentStatus.DETECTED;
import static io.autorecovery.contracts.IncidentStatus.FAILED;
import static io.autorecovery.contracts.IncidentStatus.NEEDS_HUMAN;
import static io.autorecovery.contracts.IncidentStatus.PATCH_PROPOSED;
import static io.autorecovery.contracts.IncidentStatus.REOPENED;
import static io.autorecovery.contracts.IncidentStatus.RESOLVED;
import static io.autorecovery.contracts.IncidentStatus.VERIFYING;

import io.autorecovery.contracts.IncidentStatus;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The incident state machine: every status lists the statuses it may move to. Pipeline stages only
 * move forward, so a late or replayed event never drags an incident back; a person can step in
 * from any open status, and only a regression or a person reopens a resolved incident.
 */
public final class Lifecycle {

    private static final Map<IncidentStatus, Set<IncidentStatus>> NEXT = new EnumMap<>(IncidentStatus.class);

    static {
        Set<IncidentStatus> fresh = EnumSet.of(ANALYZING, ANALYZED, NEEDS_HUMAN, RESOLVED);
        NEXT.put(DETECTED, fresh);
        NEXT.put(REOPENED, fresh);
        NEXT.put(ANALYZING, EnumSet.of(ANALYZED, NEEDS_HUMAN, RESOLVED));
        NEXT.put(ANALYZED, EnumSet.of(PATCH_PROPOSED, AWAITING_APPROVAL, NEEDS_HUMAN, RESOLVED));
        NEXT.put(PATCH_PROPOSED, EnumSet.of(AWAITING_APPROVAL, DEPLOYING, NEEDS_HUMAN, RESOLVED));
        NEXT.put(AWAITING_APPROVAL, EnumSet.of(DEPLOYING, NEEDS_HUMAN, RESOLVED));
        NEXT.put(NEEDS_HUMAN, EnumSet.of(ANALYZING, ANALYZED, PATCH_PROPOSED, AWAITING_APPROVAL, DEPLOYING, RESOLVED));
        NEXT.put(DEPLOYING, EnumSet.of(VERIFYING, RESOLVED, FAILED, REOPENED, NEEDS_HUMAN));
        NEXT.put(VERIFYING, EnumSet.of(RESOLVED, FAILED, REOPENED));
        NEXT.put(FAILED, EnumSet.of(DEPLOYING, NEEDS_HUMAN, RESOLVED, REOPENED));
        NEXT.put(RESOLVED, EnumSet.of(REOPENED));
        if (!NEXT.keySet().equals(EnumSet.allOf(IncidentStatus.class))) {
            throw new ExceptionInInitializerError("every incident status needs its next statuses");
        }
    }

    private Lifecycle() {}

    public static boolean allows(IncidentStatus from, IncidentStatus to) {
        return NEXT.get(from).contains(to);
    }

    /** Why the machine refuses the move, or empty when it allows it. */
    public static Optional<String> refusal(IncidentStatus from, IncidentStatus to) {
        if (allows(from, to)) {
            return Optional.empty();
        }
        if (from == to) {
            return Optional.of("the incident is " + from + " already");
        }
        return Optional.of(from + " cannot move to " + to + "; it may move to " + NEXT.get(from));
    }

    /** Resolved is the only status in which a fingerprint's incident counts as closed. */
    public static boolean isOpen(IncidentStatus status) {
        return status != RESOLVED;
    }
}
