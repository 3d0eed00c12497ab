package io.autorecovery.incident;

import io.autorecovery.contracts.AnalysisCompleted;
import io.autorecovery.contracts.DeployAction;
import io.autorecovery.contracts.DeployCompleted;
import io.autorecovery.contracts.DeployOutcome;
import io.autorecovery.contracts.DeployRequested;
import io.autorecovery.contracts.FaultDetected;
import io.autorecovery.contracts.IncidentCreated;
import io.autorecovery.contracts.IncidentStatus;
import io.autorecovery.contracts.IncidentUpdated;
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
 * Applies pipeline events to incidents: opens one per new fingerprint, counts recurrences, and moves
 * each through its lifecycle. Every change is written with the event that announces it.
 */
@ApplicationScoped
public class IncidentLifecycle {

    private static final int TITLE_LIMIT = 200;
    private static final int DETAIL_LIMIT = 500;

    private final IncidentRepository repository;
    private final Outbox outbox;
    private final Clock clock;

    IncidentLifecycle(IncidentRepository repository, Outbox outbox) {
        this.repository = repository;
        this.outbox = outbox;
        this.clock = Clock.systemUTC();
    }

    @Transactional(TxType.MANDATORY)
    public void onFault(FaultDetected fault) {
        Optional<Incident> open = repository.findOpenByFingerprint(fault.fingerprint());
        if (open.isPresent()) {
            recordRecurrence(open.get(), fault);
            return;
        }

        openIncident(fault);
    }

    @Transactional(TxType.MANDATORY)
    public void onAnalysis(AnalysisCompleted analysis) {
        String detail = "root cause: " + analysis.rootCause();
        advance(
                analysis.incidentId(),
                IncidentStatus.ANALYZED,
                Topics.ANALYSIS_COMPLETED,
                detail,
                "rag-service",
                analysis.eventId());
    }

    @Transactional(TxType.MANDATORY)
    public void onPatch(PatchProposed patch) {
        boolean readyToShip = patch.outcome() == PatchOutcome.PROPOSED && !patch.approvalRequired();
        IncidentStatus next = readyToShip ? IncidentStatus.PATCH_PROPOSED : IncidentStatus.NEEDS_HUMAN;
        String detail = patch.outcome() + ": " + patch.summary();
        advance(patch.incidentId(), next, Topics.PATCH_PROPOSED, detail, "patch-service", patch.eventId());
    }

    @Transactional(TxType.MANDATORY)
    public void onDeployRequested(DeployRequested request) {
        if (request.incidentId() == null) {
            return;
        }

        String detail = request.action() + " of " + request.service() + " requested: " + request.reason();
        advance(
                request.incidentId(),
                IncidentStatus.DEPLOYING,
                Topics.DEPLOY_REQUESTED,
                detail,
                request.requestedBy(),
                request.eventId());
    }

    @Transactional(TxType.MANDATORY)
    public void onDeployCompleted(DeployCompleted deploy) {
        if (deploy.incidentId() == null) {
            return;
        }

        String detail = deploy.action() + " " + deploy.outcome() + (deploy.dryRun() ? " (dry run)" : "")
                + (deploy.detail() == null ? "" : ": " + deploy.detail());
        advance(
                deploy.incidentId(),
                statusAfter(deploy),
                Topics.DEPLOY_COMPLETED,
                detail,
                "deployer-service",
                deploy.eventId());
    }

    private static IncidentStatus statusAfter(DeployCompleted deploy) {
        if (deploy.outcome() == DeployOutcome.SUCCEEDED && deploy.action() == DeployAction.ROLL_OUT) {
            return IncidentStatus.RESOLVED;
        }
        if (deploy.outcome() == DeployOutcome.ROLLED_BACK) {
            return IncidentStatus.REOPENED;
        }
        return IncidentStatus.NEEDS_HUMAN;
    }

    private void openIncident(FaultDetected fault) {
        Instant now = clock.instant();
        Instant firstSeen = fault.firstSeen() == null ? fault.occurredAt() : fault.firstSeen();
        Instant lastSeen = fault.lastSeen() == null ? fault.occurredAt() : fault.lastSeen();
        Incident incident = new Incident(
                UUID.randomUUID(),
                fault.fingerprint(),
                fault.service(),
                bounded(fault.service() + ": " + fault.template(), TITLE_LIMIT),
                fault.faultClass(),
                fault.severity(),
                IncidentStatus.DETECTED,
                Math.max(1, fault.count()),
                firstSeen,
                lastSeen,
                fault.samples());

        repository.insert(incident);
        repository.appendTimeline(
                incident.id(),
                new TimelineEntry(
                        now,
                        incident.status(),
                        Topics.FAULTS_DETECTED,
                        "fault detected (" + fault.trigger() + ")",
                        "detector-service",
                        fault.eventId()));
        outbox.enqueue(created(incident, now), incident.id().toString());
        Log.infof("incident %s opened: %s", incident.id(), incident.title());
    }

    private void recordRecurrence(Incident incident, FaultDetected fault) {
        Instant now = clock.instant();
        Instant seenAt = fault.lastSeen() == null ? fault.occurredAt() : fault.lastSeen();
        Incident updated = incident.withOccurrence(Math.max(incident.occurrences() + 1, fault.count()), seenAt);

        repository.update(updated);
        repository.appendTimeline(
                incident.id(),
                new TimelineEntry(
                        now,
                        updated.status(),
                        Topics.FAULTS_DETECTED,
                        "fault occurred again (" + fault.trigger() + ")",
                        "detector-service",
                        fault.eventId()));
        outbox.enqueue(
                updated(incident.status(), updated, "fault occurred again", "detector-service", now),
                incident.id().toString());
        Log.debugf("incident %s: occurrence %d", incident.id(), updated.occurrences());
    }

    private void advance(
            UUID incidentId, IncidentStatus next, String event, String detail, String actor, UUID eventId) {
        Optional<Incident> found = repository.lockById(incidentId);
        if (found.isEmpty()) {
            Log.warnf("%s names incident %s, which this store does not hold; ignored", event, incidentId);
            return;
        }

        Incident incident = found.get();
        Instant now = clock.instant();
        boolean moves = Lifecycle.allows(incident.status(), next);
        Incident after = moves ? incident.withStatus(next) : incident;
        repository.appendTimeline(
                incidentId,
                new TimelineEntry(now, after.status(), event, bounded(detail, DETAIL_LIMIT), actor, eventId));
        if (!moves) {
            Log.debugf("incident %s stays %s on %s", incidentId, incident.status(), event);
            return;
        }

        repository.update(after);
        outbox.enqueue(
                updated(incident.status(), after, bounded(detail, DETAIL_LIMIT), actor, now), incidentId.toString());
        Log.infof("incident %s: %s -> %s", incidentId, incident.status(), next);
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

    private static IncidentUpdated updated(
            IncidentStatus previous, Incident incident, String reason, String actor, Instant now) {
        return new IncidentUpdated(
                UUID.randomUUID(),
                now,
                IncidentUpdated.VERSION,
                incident.id(),
                incident.fingerprint(),
                incident.service(),
                previous,
                incident.status(),
                incident.occurrences(),
                reason,
                actor);
    }

    private static String bounded(String text, int limit) {
        return text.length() <= limit ? text : text.substring(0, limit - 1) + "…";
    }
}
