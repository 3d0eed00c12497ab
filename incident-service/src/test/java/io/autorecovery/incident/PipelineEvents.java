package io.autorecovery.incident;

import io.autorecovery.contracts.AnalysisCompleted;
import io.autorecovery.contracts.DeployCompleted;
import io.autorecovery.contracts.DeployRequested;
import io.autorecovery.contracts.EventType;
import io.autorecovery.contracts.FaultDetected;
import io.autorecovery.contracts.PatchOutcome;
import io.autorecovery.contracts.PatchProposed;
import io.autorecovery.contracts.Samples;
import io.autorecovery.contracts.Severity;
import io.autorecovery.contracts.Verification;
import java.time.Instant;
import java.util.UUID;

/** Pipeline events for tests, made from the contract samples, each with a fresh event id. */
final class PipelineEvents {

    private PipelineEvents() {}

    static FaultDetected fault(String fingerprint) {
        return fault(
                fingerprint,
                Samples.read(EventType.FAULT_DETECTED, FaultDetected.class).service());
    }

    static FaultDetected fault(String fingerprint, String service) {
        return fault(
                fingerprint,
                service,
                Samples.read(EventType.FAULT_DETECTED, FaultDetected.class).severity());
    }

    static FaultDetected fault(String fingerprint, String service, Severity severity) {
        FaultDetected sample = Samples.read(EventType.FAULT_DETECTED, FaultDetected.class);
        return new FaultDetected(
                UUID.randomUUID(),
                sample.occurredAt(),
                sample.version(),
                fingerprint,
                service,
                sample.faultClass(),
                severity,
                sample.trigger(),
                sample.template(),
                sample.samples(),
                1,
                sample.firstSeen(),
                sample.lastSeen(),
                sample.breadcrumbs());
    }

    static AnalysisCompleted analysis(UUID incidentId) {
        AnalysisCompleted sample = Samples.read(EventType.ANALYSIS_COMPLETED, AnalysisCompleted.class);
        return new AnalysisCompleted(
                UUID.randomUUID(),
                Instant.now(),
                sample.version(),
                incidentId,
                sample.fingerprint(),
                sample.service(),
                sample.faultClass(),
                sample.rootCause(),
                sample.remediation(),
                sample.confidence(),
                sample.method(),
                sample.evidence(),
                sample.similarIncidents());
    }

    static PatchProposed patch(UUID incidentId, PatchOutcome outcome, boolean approvalRequired) {
        PatchProposed sample = Samples.read(EventType.PATCH_PROPOSED, PatchProposed.class);
        return new PatchProposed(
                UUID.randomUUID(),
                Instant.now(),
                sample.version(),
                incidentId,
                sample.patchId(),
                sample.service(),
                sample.faultClass(),
                outcome,
                sample.summary(),
                sample.branch(),
                sample.commitSha(),
                sample.pullRequestUrl(),
                sample.diff(),
                sample.validated(),
                approvalRequired);
    }

    static DeployRequested deployRequested(UUID incidentId) {
        DeployRequested sample = Samples.read(EventType.DEPLOY_REQUESTED, DeployRequested.class);
        return new DeployRequested(
                UUID.randomUUID(),
                Instant.now(),
                sample.version(),
                sample.deploymentId(),
                incidentId,
                sample.service(),
                sample.action(),
                sample.commitSha(),
                sample.image(),
                sample.requestedBy(),
                sample.reason());
    }

    /** A successful rollout of the sample's deployment, with the given figures (null: none yet). */
    static DeployCompleted rolledOut(UUID incidentId, boolean dryRun, Verification verification) {
        DeployCompleted sample = Samples.read(EventType.DEPLOY_COMPLETED, DeployCompleted.class);
        return new DeployCompleted(
                UUID.randomUUID(),
                Instant.now(),
                sample.version(),
                sample.deploymentId(),
                incidentId,
                sample.service(),
                sample.action(),
                sample.outcome(),
                dryRun,
                sample.revision(),
                sample.previousRevision(),
                verification,
                dryRun ? "dry run: nothing was rolled out" : "rolled out");
    }

    static Verification faultGone() {
        return new Verification(120, 0, true);
    }
}
