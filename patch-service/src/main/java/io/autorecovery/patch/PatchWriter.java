package io.autorecovery.patch;

import io.autorecovery.contracts.AnalysisCompleted;
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
 * Turns a diagnosis into a patch proposal: the recipe of its fault class, within the service's
 * hourly budget, or the plain statement that no patch is safe.
 */
@ApplicationScoped
public class PatchWriter {

    private static final Duration BUDGET_PERIOD = Duration.ofHours(1);

    private final PatchRepository patches;
    private final PatchPolicy policy;
    private final Outbox outbox;

    PatchWriter(PatchRepository patches, PatchPolicy policy, Outbox outbox) {
        this.patches = patches;
        this.policy = policy;
        this.outbox = outbox;
    }

    @Transactional(TxType.MANDATORY)
    public void propose(AnalysisCompleted analysis) {
        if (patches.byIncident(analysis.incidentId()).isPresent()) {
            Log.debugf(
                    "incident %s already has a patch; analysis %s ignored", analysis.incidentId(), analysis.eventId());
            return;
        }

        Patch patch = draft(analysis);
        patches.insert(patch);
        outbox.enqueue(proposed(patch), patch.incidentId().toString());
        Log.infof("incident %s: patch %s %s: %s", patch.incidentId(), patch.id(), patch.outcome(), patch.summary());
    }

    private Patch draft(AnalysisCompleted analysis) {
        Optional<Recipe> recipe = RecipeBook.forFaultClass(analysis.faultClass());
        if (recipe.isEmpty()) {
            return noSafePatch(
                    analysis,
                    "no recipe covers fault class '" + analysis.faultClass().code() + "'");
        }

        int budget = policy.budget().perServicePerHour();
        if (patches.proposedSince(analysis.service(), BUDGET_PERIOD) >= budget) {
            return noSafePatch(
                    analysis, "the budget of " + budget + " patches per hour for " + analysis.service() + " is spent");
        }

        Recipe change = recipe.get();
        String summary = change.summary() + ": " + change.setting() + " " + change.before() + " -> " + change.after();
        return new Patch(
                UUID.randomUUID(),
                analysis.incidentId(),
                analysis.service(),
                analysis.faultClass(),
                PatchOutcome.PROPOSED,
                summary,
                change.diff(),
                false,
                policy.approvalRequired(analysis.faultClass()));
    }

    private static Patch noSafePatch(AnalysisCompleted analysis, String reason) {
        return new Patch(
                UUID.randomUUID(),
                analysis.incidentId(),
                analysis.service(),
                analysis.faultClass(),
                PatchOutcome.NO_SAFE_PATCH,
                "No safe patch: " + reason,
                null,
                false,
                true);
    }

    private static PatchProposed proposed(Patch patch) {
        return new PatchProposed(
                UUID.randomUUID(),
                Instant.now(),
                PatchProposed.VERSION,
                patch.incidentId(),
                patch.id(),
                patch.service(),
                patch.faultClass(),
                patch.outcome(),
                patch.summary(),
                null,
                null,
                null,
                patch.diff(),
                patch.validated(),
                patch.approvalRequired());
    }
}
