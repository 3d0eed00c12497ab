package io.autorecovery.deployer;

import io.autorecovery.contracts.DeployAction;
import io.autorecovery.contracts.DeployRequested;
import io.autorecovery.contracts.IncidentAction;
import io.autorecovery.contracts.IncidentUpdated;
import io.autorecovery.contracts.PatchOutcome;
import io.autorecovery.contracts.PatchProposed;
import io.autorecovery.outbox.Outbox;
import io.quarkus.logging.Log;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import jakarta.transaction.Transactional.TxType;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

/**
 * Decides whether a proposed patch may be deployed without a person: it must be a real patch, need
 * no approval, and fit the service's hourly budget while automation is not paused. A patch that
 * policy holds for approval waits in {@link HeldPatches} until a person approves it (released as a
 * deploy command) or rejects it (closed), as announced on {@code incidents.updated}.
 */
@ApplicationScoped
public class DeployGate {

    static final String GATE = "deployer-gate";

    private static final String PAUSED = "automation is paused";

    private static final Duration BUDGET_PERIOD = Duration.ofHours(1);

    private final DeploymentRepository deployments;
    private final DeployPolicy policy;
    private final AutomationSwitch automation;
    private final HeldPatches held;
    private final Outbox outbox;

    DeployGate(
            DeploymentRepository deployments,
            DeployPolicy policy,
            AutomationSwitch automation,
            HeldPatches held,
            Outbox outbox) {
        this.deployments = deployments;
        this.policy = policy;
        this.automation = automation;
        this.held = held;
        this.outbox = outbox;
    }

    @Transactional(TxType.MANDATORY)
    public void review(PatchProposed patch) {
        Optional<String> hold = holdReason(patch);
        if (hold.isPresent()) {
            Log.infof("incident %s: patch %s held at the gate: %s", patch.incidentId(), patch.patchId(), hold.get());
            if (patch.outcome() == PatchOutcome.PROPOSED && patch.approvalRequired()) {
                held.hold(patch, hold.get(), HeldPatch.FOR_APPROVAL);
            } else if (patch.outcome() == PatchOutcome.PROPOSED && hold.get().equals(PAUSED)) {
                held.hold(patch, hold.get(), HeldPatch.FOR_PAUSE);
            }
            return;
        }

        request(
                patch.incidentId(),
                patch.service(),
                patch.commitSha(),
                "patch " + patch.patchId() + " passed the gate");
    }

    /** A person's approval releases the incident's held patch; a rejection closes it. */
    @Transactional(TxType.MANDATORY)
    public void decide(IncidentUpdated update) {
        if (update.action() != IncidentAction.APPROVED && update.action() != IncidentAction.REJECTED) {
            return;
        }
        Optional<HeldPatch> waiting = held.lockHeld(update.incidentId());
        if (waiting.isEmpty()) {
            Log.infof("incident %s: %s, but no patch is held for it", update.incidentId(), update.action());
            return;
        }

        HeldPatch patch = waiting.get();
        if (update.action() == IncidentAction.REJECTED) {
            held.decide(patch.incidentId(), HeldPatch.CLOSED, update.actor());
            Log.infof("incident %s: held patch %s rejected by %s", patch.incidentId(), patch.patchId(), update.actor());
            return;
        }
        held.decide(patch.incidentId(), HeldPatch.RELEASED, update.actor());
        request(
                patch.incidentId(),
                patch.service(),
                patch.commitSha(),
                "patch " + patch.patchId() + " approved by " + update.actor());
    }

    /**
     * Turns the pause switch. Resuming releases the patches that waited only for the pause, each
     * as a deploy command; patches that wait for a person's approval keep waiting.
     */
    @Transactional(TxType.MANDATORY)
    public AutomationState turnAutomation(boolean paused, String person, String reason) {
        automation.turn(paused, person, reason);
        Log.infof("automation %s by %s: %s", paused ? "paused" : "resumed", person, reason);
        if (!paused && !policy.paused()) {
            for (HeldPatch patch : held.lockAllHeldFor(HeldPatch.FOR_PAUSE)) {
                held.decide(patch.incidentId(), HeldPatch.RELEASED, person);
                request(
                        patch.incidentId(),
                        patch.service(),
                        patch.commitSha(),
                        "patch " + patch.patchId() + " released when " + person + " resumed automation");
            }
        }
        return automation.state();
    }

    private void request(UUID incidentId, String service, String commitSha, String reason) {
        DeployRequested request = new DeployRequested(
                UUID.randomUUID(),
                Instant.now(),
                DeployRequested.VERSION,
                UUID.randomUUID(),
                incidentId,
                service,
                DeployAction.ROLL_OUT,
                commitSha,
                null,
                GATE,
                reason);
        deployments.recordRequest(request);
        outbox.enqueue(request, request.service());
        Log.infof("incident %s: deployment %s of %s requested", incidentId, request.deploymentId(), request.service());
    }

    private Optional<String> holdReason(PatchProposed patch) {
        if (patch.outcome() != PatchOutcome.PROPOSED) {
            return Optional.of("no safe patch was proposed");
        }
        if (patch.approvalRequired()) {
            return Optional.of("policy asks for a person's approval");
        }
        if (automation.paused()) {
            return Optional.of(PAUSED);
        }
        int budget = policy.budget().perServicePerHour();
        if (deployments.requestedSince(patch.service(), BUDGET_PERIOD) >= budget) {
            return Optional.of("the budget of " + budget + " deploys per hour for " + patch.service() + " is spent");
        }
        return Optional.empty();
    }
}
