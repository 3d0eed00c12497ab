package io.autorecovery.patch;

import io.autorecovery.contracts.FaultClass;
import io.autorecovery.contracts.PatchOutcome;
import java.util.UUID;

/** One patch attempt for an incident, as the store keeps it. */
public record Patch(
        UUID id,
        UUID incidentId,
        String service,
        FaultClass faultClass,
        PatchOutcome outcome,
        String summary,
        String diff,
        boolean validated,
        boolean approvalRequired) {}
