package io.autorecovery.contracts;

import static io.autorecovery.contracts.Require.present;

import java.time.Instant;
import java.util.UUID;

/** A validated change for an incident, or the word that none is safe; keyed by incident id. */
public record PatchProposed(
        UUID eventId,
        Instant occurredAt,
        int version,
        UUID incidentId,
        UUID patchId,
        String service,
        FaultClass faultClass,
        PatchOutcome outcome,
        String summary,
        String branch,
        String commitSha,
        String pullRequestUrl,
        String diff,
        boolean validated,
        boolean approvalRequired)
        implements MeshEvent {

    public static final int VERSION = 1;

    public PatchProposed {
        present(eventId, "eventId");
        present(occurredAt, "occurredAt");
        present(incidentId, "incidentId");
        present(patchId, "patchId");
        present(service, "service");
        present(faultClass, "faultClass");
        present(outcome, "outcome");
        present(summary, "summary");
    }

    @Override
    public String subject() {
        return incidentId.toString();
    }
}
