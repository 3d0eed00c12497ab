package io.autorecovery.incident;

import static io.autorecovery.contracts.IncidentStatus.ANALYZED;
import static io.autorecovery.contracts.IncidentStatus.ANALYZING;
import static io.autorecovery.contracts.IncidentStatus.AWAITING_APPROVAL;
import static io.autorecovery.contracts.IncidentStatus.DEPLOYING;
import static io.autorecovery.contracts.IncidentStatus.FAILED;
import static io.autorecovery.contracts.IncidentStatus.NEEDS_HUMAN;
import static io.autorecovery.contracts.IncidentStatus.PATCH_PROPOSED;
import static io.autorecovery.contracts.IncidentStatus.REOPENED;
import static io.autorecovery.contracts.IncidentStatus.RESOLVED;
import static io.autorecovery.contracts.IncidentStatus.VERIFYING;

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
import io.autorecovery.contracts.Verification;
import io.quarkus.logging.Log;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import jakarta.transaction.Transactional.TxType;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Function;

/**
 * Applies pipeline events to incidents: opens one per new fingerprint and hands it to analysis,
 * counts recurrences, reopens a resolved incident when its fault returns, and moves each through its
 * lifecycle as analysis, patching, deployment and verification report. Every change is written with
 * the event that announces it.
 */
@ApplicationScoped
public class IncidentLifecycle {

    private static final int TITLE_LIMIT = 200;
    private static final String DETECTOR = "detector-service";
    private static final String SELF = "incident-service";

    private final IncidentRepository repository;
    private final IncidentJournal journal;

    IncidentLifecycle(IncidentRepository repository, IncidentJournal journal) {
        this.repository = repository;
        this.journal = journal;
    }

    @Transactional(TxType.MANDATORY)
    public void onFault(FaultDetected fault) {
        onFaults(List.of(fault));
    }

    /**
     * Counts each fault on its fingerprint's open incident, reopens its resolved one, or opens a new
     * one. Faults of one fingerprint are applied in the order given, and handled by one transaction
     * at a time whatever the number of consumers; several faults of one fingerprint in one call are
     * written as one recurrence carrying the whole count.
     */
    @Transactional(TxType.MANDATORY)
    public void onFaults(List<FaultDetected> faults) {
        if (faults.isEmpty()) {
            return;
        }
        Map<String, List<FaultDetected>> byFingerprint = new LinkedHashMap<>();
        faults.forEach(fault -> byFingerprint
                .computeIfAbsent(fault.fingerprint(), key -> new ArrayList<>())
                .add(fault));

        repository.lockFingerprints(byFingerprint.keySet());
        Map<String, Incident> open = repository.lockOpen(byFingerprint.keySet());
        List<String> unseen = byFingerprint.keySet().stream()
                .filter(fingerprint -> !open.containsKey(fingerprint))
                .toList();
        Map<String, Incident> resolved = repository.lockLatestResolved(unseen);

        IncidentChanges changes = journal.begin();
        byFingerprint.forEach((fingerprint, group) -> {
            Incident known = open.getOrDefault(fingerprint, resolved.get(fingerprint));
            apply(changes, known, group);
        });
        changes.flush();
    }

    @Transactional(TxType.MANDATORY)
    public void onAnalysis(AnalysisCompleted analysis) {
        Step step = Step.pipeline(
                Topics.ANALYSIS_COMPLETED, "root cause: " + analysis.rootCause(), "rag-service", analysis.eventId());
        advance(analysis.incidentId(), incident -> List.of(new Target(ANALYZED, step)));
    }

    /** A patch moves the incident to PATCH_PROPOSED, and on to AWAITING_APPROVAL when policy holds it. */
    @Transactional(TxType.MANDATORY)
    public void onPatch(PatchProposed patch) {
        Step proposed = Step.pipeline(
                Topics.PATCH_PROPOSED, patch.outcome() + ": " + patch.summary(), "patch-service", patch.eventId());
        if (patch.outcome() != PatchOutcome.PROPOSED) {
            advance(patch.incidentId(), incident -> List.of(new Target(NEEDS_HUMAN, proposed)));
            return;
        }
        if (!patch.approvalRequired()) {
            advance(patch.incidentId(), incident -> List.of(new Target(PATCH_PROPOSED, proposed)));
            return;
        }

        Step held = proposed.withDetail("patch " + patch.patchId() + " waits for a person's approval");
        advance(
                patch.incidentId(),
                incident -> List.of(new Target(PATCH_PROPOSED, proposed), new Target(AWAITING_APPROVAL, held)));
    }

    @Transactional(TxType.MANDATORY)
    public void onDeployRequested(DeployRequested request) {
        if (request.incidentId() == null) {
            return;
        }

        String detail = request.action() + " of " + request.service() + " requested: " + request.reason();
        Step step = Step.pipeline(Topics.DEPLOY_REQUESTED, detail, request.requestedBy(), request.eventId());
        advance(request.incidentId(), incident -> List.of(new Target(DEPLOYING, step)));
    }

    /**
     * A failed deploy fails the incident and a rollback reopens it. A successful rollout moves it to
     * VERIFYING; the verification figures, when the event carries them, resolve or fail it. Without
     * figures a real rollout stays VERIFYING until a later report of the same deploy brings them,
     * while a dry run, which rolled nothing out, has nothing to watch and resolves.
     */
    @Transactional(TxType.MANDATORY)
    public void onDeployCompleted(DeployCompleted deploy) {
        if (deploy.incidentId() == null) {
            return;
        }

        String detail = deploy.action() + " " + deploy.outcome() + (deploy.dryRun() ? " (dry run)" : "")
                + (deploy.detail() == null ? "" : ": " + deploy.detail());
        Step step = Step.pipeline(Topics.DEPLOY_COMPLETED, detail, "deployer-service", deploy.eventId());
        if (deploy.outcome() == DeployOutcome.ROLLED_BACK) {
            advance(deploy.incidentId(), incident -> List.of(new Target(REOPENED, step)));
        } else if (deploy.outcome() == DeployOutcome.FAILED) {
            advance(deploy.incidentId(), incident -> List.of(new Target(FAILED, step)));
        } else if (deploy.action() == DeployAction.ROLL_BACK) {
            advance(deploy.incidentId(), incident -> List.of(new Target(NEEDS_HUMAN, step)));
        } else {
            advance(deploy.incidentId(), incident -> afterRollout(incident, deploy, step));
        }
    }

    private static List<Target> afterRollout(Incident incident, DeployCompleted deploy, Step step) {
        List<Target> targets = new ArrayList<>();
        Verification verification = deploy.verification();
        if (incident.status() != VERIFYING) {
            String pending = verification == null && !deploy.dryRun() ? "; verification pending" : "";
            targets.add(new Target(VERIFYING, step.withDetail(step.detail() + pending)));
        }
        if (verification == null) {
            if (deploy.dryRun()) {
                targets.add(new Target(
                        RESOLVED, step.withDetail("dry run: nothing was rolled out, so there was nothing to watch")));
            }
            return targets;
        }
        if (verification.faultGone()) {
            targets.add(new Target(
                    RESOLVED,
                    step.withDetail("verified: the fault did not return within " + verification.windowSeconds()
                            + " s after the rollout")));
        } else {
            targets.add(new Target(
                    FAILED,
                    step.withDetail("verification failed: the fault occurred " + verification.occurrences()
                            + " times within " + verification.windowSeconds() + " s after the rollout")));
        }
        return targets;
    }

    /** Moves the incident through each target in turn; a refused move stops the rest. */
    private void advance(UUID incidentId, Function<Incident, List<Target>> targets) {
        Optional<Incident> found = repository.lockById(incidentId);
        if (found.isEmpty()) {
            Log.warnf("an event names incident %s, which this store does not hold; ignored", incidentId);
            return;
        }

        IncidentChanges changes = journal.begin();
        Incident incident = found.get();
        for (Target target : targets.apply(incident)) {
            IncidentJournal.Move move = journal.move(changes, incident, target.status(), target.step());
            if (!move.applied()) {
                break;
            }
            incident = move.incident();
        }
        changes.flush();
    }

    private void apply(IncidentChanges changes, Incident known, List<FaultDetected> group) {
        if (known != null && Lifecycle.isOpen(known.status())) {
            recordRecurrences(changes, known, group);
            return;
        }

        FaultDetected first = group.get(0);
        Incident incident = known == null ? openIncident(changes, first) : reopen(changes, known, first);
        if (group.size() > 1) {
            recordRecurrences(changes, incident, group.subList(1, group.size()));
        }
    }

    /** Opens the incident and hands it to analysis by announcing it on {@code incidents.created}. */
    private Incident openIncident(IncidentChanges changes, FaultDetected fault) {
        Instant now = journal.now();
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

        changes.insert(incident);
        changes.append(
                incident.id(),
                TimelineEntry.applied(
                        now,
                        incident.status(),
                        Topics.FAULTS_DETECTED,
                        "fault detected (" + fault.trigger() + ")",
                        DETECTOR,
                        fault.eventId()));
        IncidentCreated created = created(incident, now);
        changes.announce(created);
        Log.infof("incident %s opened: %s", incident.id(), incident.title());

        Step handedOver = Step.pipeline(
                Topics.INCIDENTS_CREATED, "handed to analysis on " + Topics.INCIDENTS_CREATED, SELF, created.eventId());
        return journal.move(changes, incident, ANALYZING, handedOver).incident();
    }

    private void recordRecurrences(IncidentChanges changes, Incident incident, List<FaultDetected> faults) {
        Incident updated = incident;
        for (FaultDetected fault : faults) {
            updated = counted(updated, fault);
        }
        String detail = faults.size() == 1 ? "fault occurred again" : "fault occurred again (" + faults.size() + "x)";
        FaultDetected last = faults.get(faults.size() - 1);
        Step step = Step.pipeline(Topics.FAULTS_DETECTED, detail, DETECTOR, last.eventId());

        journal.keep(changes, incident, updated, step);
        Log.debugf("incident %s: occurrence %d", incident.id(), updated.occurrences());
    }

    /** The fault came back after the fix: the same incident opens again, linked to its resolution. */
    private Incident reopen(IncidentChanges changes, Incident incident, FaultDetected fault) {
        Optional<TimelineEntry> resolution = repository.lastResolution(incident.id());
        Long resolutionId = resolution.map(TimelineEntry::id).orElse(null);
        String reason = resolution
                .map(entry -> "regression: the fault returned after resolution #" + entry.id() + " at " + entry.at()
                        + " (" + entry.detail() + ")")
                .orElse("regression: the fault returned after the incident was resolved");
        Incident reopened = counted(incident, fault).withStatus(REOPENED);

        journal.record(
                changes,
                incident.status(),
                reopened,
                Step.pipeline(Topics.FAULTS_DETECTED, reason, DETECTOR, fault.eventId()),
                resolutionId);
        Log.infof("incident %s reopened: its fault returned after resolution #%s", incident.id(), resolutionId);
        return reopened;
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

    /** A status to move to, and the step that asks for it. */
    private record Target(IncidentStatus status, Step step) {}
}
