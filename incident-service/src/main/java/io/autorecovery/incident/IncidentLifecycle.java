package io.autorecovery.incident;

import io.autorecovery.contracts.AnalysisCompleted;
import io.autorecovery.contracts.DeployAction;
import io.autorecovery.contracts.DeployCompleted;
import io.autorecovery.contracts.DeployOutcome;
import io.autorecovery.contracts.DeployRequested;
import io.autorecovery.contracts.FaultDetected;
import io.autorecovery.contracts.IncidentCreated;
import io.autorecovery.contracts.IncidentStatus;
import io.autorecovery.contracts.PatchOutcome;
import io.autorecovery.contracts.PatchProposed;
import io.autorecovery.contracts.Topics;
import io.autorecovery.outbox.Outbox;
import io.quarkus.logging.Log;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import jakarta.transaction.Transactional.TxType;
import java.time.Clock;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

/**
 * Applies pipeline events to incidents: opens one per new fingerprint, counts recurrences, reopens
 * a resolved incident when its fault returns, and moves each through its lifecycle. Every change is
 * written with the event that announces it.
 */
@ApplicationScoped
public class IncidentLifecycle {

    private static final int TITLE_LIMIT = 200;
    private static final String DETECTOR = "detector-service";

    private final IncidentRepository repository;
    private final IncidentJournal journal;
    private final Outbox outbox;
    private final Clock clock;

    IncidentLifecycle(IncidentRepository repository, IncidentJournal journal, Outbox outbox) {
        this.repository = repository;
        this.journal = journal;
        this.outbox = outbox;
        this.clock = Clock.systemUTC();
    }

    /**
     * Counts the fault on the fingerprint's open incident, reopens its resolved one, or opens a new
     * one. Faults of one fingerprint are handled one at a time, whatever the number of consumers.
     */
    @Transactional(TxType.MANDATORY)
    public void onFault(FaultDetected fault) {
        repository.lockFingerprint(fault.fingerprint());
        Optional<Incident> open = repository.findOpenByFingerprint(fault.fingerprint());
        if (open.isPresent()) {
            recordRecurrence(open.get(), fault);
            return;
        }
        Optional<Incident> resolved = repository.lockLatestResolved(fault.fingerprint());
        if (resolved.isPresent()) {
            reopen(resolved.get(), fault);
            return;
        }

        openIncident(fault);
    }

    @Transactional(TxType.MANDATORY)
    public void onAnalysis(AnalysisCompleted analysis) {
        Step step = Step.pipeline(
                Topics.ANALYSIS_COMPLETED, "root cause: " + analysis.rootCause(), "rag-service", analysis.eventId());
        advance(analysis.incidentId(), IncidentStatus.ANALYZED, step);
    }

    @Transactional(TxType.MANDATORY)
    public void onPatch(PatchProposed patch) {
        Step step = Step.pipeline(
                Topics.PATCH_PROPOSED, patch.outcome() + ": " + patch.summary(), "patch-service", patch.eventId());
        advance(patch.incidentId(), statusAfter(patch), step);
    }

    @Transactional(TxType.MANDATORY)
    public void onDeployRequested(DeployRequested request) {
        if (request.incidentId() == null) {
            return;
        }

        String detail = request.action() + " of " + request.service() + " requested: " + request.reason();
        Step step = Step.pipeline(Topics.DEPLOY_REQUESTED, detail, request.requestedBy(), request.eventId());
        advance(request.incidentId(), IncidentStatus.DEPLOYING, step);
    }

    @Transactional(TxType.MANDATORY)
    public void onDeployCompleted(DeployCompleted deploy) {
        if (deploy.incidentId() == null) {
            return;
        }

        String detail = deploy.action() + " " + deploy.outcome() + (deploy.dryRun() ? " (dry run)" : "")
                + (deploy.detail() == null ? "" : ": " + deploy.detail());
        Step step = Step.pipeline(Topics.DEPLOY_COMPLETED, detail, "deployer-service", deploy.eventId());
        advance(deploy.incidentId(), statusAfter(deploy), step);
    }

    private static IncidentStatus statusAfter(PatchProposed patch) {
        if (patch.outcome() != PatchOutcome.PROPOSED) {
            return IncidentStatus.NEEDS_HUMAN;
        }
        return patch.approvalRequired() ? IncidentStatus.AWAITING_APPROVAL : IncidentStatus.PATCH_PROPOSED;
    }

    private static IncidentStatus statusAfter(DeployCompleted deploy) {
        if (deploy.outcome() == DeployOutcome.ROLLED_BACK) {
            return IncidentStatus.REOPENED;
        }
        if (deploy.outcome() == DeployOutcome.FAILED) {
            return IncidentStatus.FAILED;
        }
        return deploy.action() == DeployAction.ROLL_OUT ? IncidentStatus.RESOLVED : IncidentStatus.NEEDS_HUMAN;
    }

    private void advance(UUID incidentId, IncidentStatus next, Step step) {
        Optional<Incident> found = repository.lockById(incidentId);
        if (found.isEmpty()) {
            Log.warnf("%s names incident %s, which this store does not hold; ignored", step.event(), incidentId);
            return;
        }

        journal.move(found.get(), next, step);
    }

    private void openIncident(FaultDetected fault) {
        Instant now = clock.instant();
        Incident incident = new Incident(
                UUID.randomUUID(),
                fault.fingerprint(),
                fault.service(),
                Step.bounded(fault.service() + ": " + fault.template(), TITLE_LIMIT),
                fault.faultClass(),
                fault.severity(),
                IncidentStatus.DETECTED,
                Math.max(1, fault.count()),
                firstSeen(fault),
                lastSeen(fault),
                fault.samples());

        repository.insert(incident);
        repository.appendTimeline(
                incident.id(),
                TimelineEntry.applied(
                        now,
                        incident.status(),
                        Topics.FAULTS_DETECTED,
                        "fault detected (" + fault.trigger() + ")",
                        DETECTOR,
                        fault.eventId()));
        outbox.enqueue(created(incident, now), incident.id().toString());
        Log.infof("incident %s opened: %s", incident.id(), incident.title());
    }

    private void recordRecurrence(Incident incident, FaultDetected fault) {
        Incident updated = counted(incident, fault);
        Step step = Step.pipeline(Topics.FAULTS_DETECTED, "fault occurred again", DETECTOR, fault.eventId());

        journal.keep(incident, updated, step);
        Log.debugf("incident %s: occurrence %d", incident.id(), updated.occurrences());
    }

    /** The fault came back after the fix: the same incident opens again, linked to its resolution. */
    private void reopen(Incident incident, FaultDetected fault) {
        Optional<TimelineEntry> resolution = repository.lastResolution(incident.id());
        Long resolutionId = resolution.map(TimelineEntry::id).orElse(null);
        String reason = resolution
                .map(entry -> "regression: the fault returned after resolution #" + entry.id() + " at " + entry.at()
                        + " (" + entry.detail() + ")")
                .orElse("regression: the fault returned after the incident was resolved");
        Incident reopened = counted(incident, fault).withStatus(IncidentStatus.REOPENED);

        repository.update(reopened);
        journal.record(
                incident.status(),
                reopened,
                Step.pipeline(Topics.FAULTS_DETECTED, reason, DETECTOR, fault.eventId()),
                resolutionId);
        Log.infof("incident %s reopened: its fault returned after resolution #%s", incident.id(), resolutionId);
    }

    private static Incident counted(Incident incident, FaultDetected fault) {
        long occurrences = Math.max(incident.occurrences() + 1, fault.count());
        return incident.withOccurrence(occurrences, lastSeen(fault));
    }

    private static Instant firstSeen(FaultDetected fault) {
        return fault.firstSeen() == null ? fault.occurredAt() : fault.firstSeen();
    }

    private static Instant lastSeen(FaultDetected fault) {
        return fault.lastSeen() == null ? fault.occurredAt() : fault.lastSeen();
    }

    private static IncidentCreated created(Incident incident, Instant now) {
        return new IncidentCreated(
                UUID.randomUUID(),
                now,
                IncidentCreated.VERSION,
                incident.id(),
                incident.fingerprint(),
                incident.service(),
                incident.title(),
                incident.faultClass(),
                incident.severity(),
                incident.status(),
                incident.occurrences(),
                incident.firstSeen(),
                incident.lastSeen(),
                incident.samples());
    }
}
