package io.autorecovery.rag;

import io.autorecovery.contracts.AnalysisCompleted;
import io.autorecovery.contracts.DeployCompleted;
import io.autorecovery.contracts.DeployOutcome;
import io.autorecovery.contracts.IncidentCreated;
import io.autorecovery.contracts.PatchOutcome;
import io.autorecovery.contracts.PatchProposed;
import io.autorecovery.contracts.Topics;
import io.autorecovery.outbox.Outbox;
import io.autorecovery.outbox.ProcessedEvents;
import io.autorecovery.rag.knowledge.DocumentKind;
import io.autorecovery.rag.knowledge.FixStatus;
import io.autorecovery.rag.knowledge.KnowledgeDocument;
import io.autorecovery.rag.model.ModelDiagnosis;
import io.autorecovery.rag.search.SearchHit;
import io.quarkus.logging.Log;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * Diagnoses incidents from the knowledge store, with the model when one is configured and by
 * retrieval alone otherwise or when the model fails, and learns from how each fix ended.
 */
@ApplicationScoped
public class Diagnosis {

    static final String CONSUMER = "rag-service/";
    private static final int RETRIEVED = 8;
    private static final int MAX_STORED_SAMPLES = 2_000;
    /** Longest diff kept with a fix; a longer one is cut with a visible marker. */
    static final int MAX_STORED_DIFF = 32_000;

    /** How a fix document's change begins. */
    private static final String CHANGE_HEAD = "Patch ";

    static final String DIFF_CUT = "\n... [diff cut at " + MAX_STORED_DIFF + " characters]";

    private final KnowledgeRepository incidents;
    private final Knowledge knowledge;
    private final RetrievalDiagnosis retrieval;
    private final ModelDiagnosis model;
    private final Outbox outbox;
    private final ProcessedEvents processed;
    private final RagConfig config;

    Diagnosis(
            KnowledgeRepository incidents,
            Knowledge knowledge,
            RetrievalDiagnosis retrieval,
            ModelDiagnosis model,
            Outbox outbox,
            ProcessedEvents processed,
            RagConfig config) {
        this.incidents = incidents;
        this.knowledge = knowledge;
        this.retrieval = retrieval;
        this.model = model;
        this.outbox = outbox;
        this.processed = processed;
        this.config = config;
    }

    /** Works out the analysis; slow (embedding, maybe a model call), so it holds no transaction. */
    public Analysis analyse(IncidentCreated incident) {
        IncidentQuery query = IncidentQuery.of(incident, config.search().maxSampleChars());
        List<SearchHit> hits = knowledge.search(query.text(), RETRIEVED);
        Analysis fromRetrieval = retrieval.diagnose(incident, hits, incidents.similarTo(incident));
        Optional<Analysis> fromModel = model.diagnose(incident, query, hits, fromRetrieval);

        return fromModel.orElse(fromRetrieval);
    }

    /** Stores the analysis and queues analysis.completed, once per incidents.created event. */
    @Transactional
    public void record(IncidentCreated incident, Analysis analysis) {
        processed.once(CONSUMER + Topics.INCIDENTS_CREATED, incident, created -> store(created, analysis));
    }

    /** Learns how a fix ended, once per deploy.completed event. */
    @Transactional
    public void learn(DeployCompleted deploy) {
        processed.once(CONSUMER + Topics.DEPLOY_COMPLETED, deploy, this::learnOnce);
    }

    /** Keeps the change proposed for an incident, once per patch.proposed event. */
    @Transactional
    public void rememberPatch(PatchProposed patch) {
        processed.once(CONSUMER + Topics.PATCH_PROPOSED, patch, this::rememberPatchOnce);
    }

    private void rememberPatchOnce(PatchProposed patch) {
        if (patch.outcome() != PatchOutcome.PROPOSED
                || patch.diff() == null
                || patch.diff().isBlank()) {
            return;
        }
        String diff = patch.diff().length() <= MAX_STORED_DIFF
                ? patch.diff()
                : patch.diff().substring(0, MAX_STORED_DIFF) + DIFF_CUT;
        incidents.rememberPatch(patch, diff);
        addChangeToFixesLearnedWithout(patch, diff);
    }

    /**
     * patch.proposed and deploy.completed are read independently, so the deploy of a patch may be
     * learned before the patch arrives: such a fix, learned after the patch was proposed and
     * showing no change yet, gets this one. A patch proposed after the fix was learned (a new
     * attempt after a rollback, say) is not the one that was deployed, and changes nothing.
     */
    private void addChangeToFixesLearnedWithout(PatchProposed patch, String diff) {
        KnowledgeRepository.ProposedPatch change =
                new KnowledgeRepository.ProposedPatch(patch.patchId(), patch.summary(), patch.pullRequestUrl(), diff);
        for (KnowledgeDocument document : knowledge.ofIncident(patch.incidentId())) {
            boolean learnedFix =
                    document.kind() == DocumentKind.FIX && KnowledgeDocument.LEARNED.equals(document.origin());
            if (learnedFix
                    && !hasChange(document)
                    && document.updatedAt() != null
                    && !patch.occurredAt().isAfter(document.updatedAt())) {
                knowledge.save(document.withBody(withChange(change, document.body())));
                Log.infof(
                        "fix %s of incident %s now carries patch %s",
                        document.id(), patch.incidentId(), patch.patchId());
            }
        }
    }

    /** A fix document's body starts with its change when it has one (see {@link #changeText}). */
    static boolean hasChange(KnowledgeDocument fix) {
        return fix.body() != null && fix.body().startsWith(CHANGE_HEAD);
    }

    private void store(IncidentCreated incident, Analysis analysis) {
        incidents.remember(incident);
        incidents.saveAnalysis(analysis);
        knowledge.save(pastIncident(incident, analysis));
        outbox.enqueue(completed(incident, analysis), incident.incidentId().toString());
        Log.infof(
                "incident %s diagnosed as %s by %s with confidence %.2f",
                incident.incidentId(), analysis.faultClass().code(), analysis.method(), analysis.confidence());
    }

    private void learnOnce(DeployCompleted deploy) {
        incidents.recordOutcome(deploy);
        if (deploy.incidentId() == null) {
            return;
        }
        Optional<KnowledgeRepository.Remembered> incident = incidents.remembered(deploy.incidentId());
        if (incident.isEmpty()) {
            Log.debugf(
                    "deployment %s is for incident %s, which was not diagnosed here",
                    deploy.deploymentId(), deploy.incidentId());
            return;
        }
        FixStatus status = statusOf(deploy);
        Optional<Analysis> analysis = incidents.analysisOf(deploy.incidentId());
        Optional<KnowledgeRepository.ProposedPatch> patch = incidents.patchOf(deploy.incidentId());
        knowledge.save(fix(deploy, incident.get(), analysis, patch, status));
        knowledge
                .find(pastIncidentId(deploy.incidentId()))
                .filter(past -> past.status() != FixStatus.VERIFIED)
                .ifPresent(past -> knowledge.save(past.withStatus(status)));
        Log.infof(
                "fix of incident %s by deployment %s learned as %s",
                deploy.incidentId(), deploy.deploymentId(), status.code());
    }

    /** Verified only by a real deploy that held; rolled back or failed ones are remembered as reverted. */
    static FixStatus statusOf(DeployCompleted deploy) {
        if (deploy.outcome() != DeployOutcome.SUCCEEDED) {
            return FixStatus.REVERTED;
        }
        boolean held = deploy.verification() == null || deploy.verification().faultGone();
        if (!held) {
            return FixStatus.REVERTED;
        }
        return deploy.dryRun() ? FixStatus.UNTRIED : FixStatus.VERIFIED;
    }

    private static KnowledgeDocument fix(
            DeployCompleted deploy,
            KnowledgeRepository.Remembered incident,
            Optional<Analysis> analysis,
            Optional<KnowledgeRepository.ProposedPatch> patch,
            FixStatus status) {
        String outcome = "Deployment " + deploy.deploymentId() + " of " + deploy.service() + " ("
                + deploy.action().name().toLowerCase() + (deploy.dryRun() ? ", dry run" : "") + ") ended "
                + deploy.outcome().name().toLowerCase() + "; revision " + deploy.revision() + ", previous "
                + deploy.previousRevision() + (deploy.detail() == null ? "" : ". " + deploy.detail());
        String body = patch.map(change -> withChange(change, outcome)).orElse(outcome);
        return new KnowledgeDocument(
                "fix-" + deploy.deploymentId(),
                DocumentKind.FIX,
                "Fix for " + incident.title(),
                body,
                List.of(analysis.map(Analysis::faultClass).orElse(incident.faultClass())),
                incident.fingerprint(),
                incident.service(),
                analysis.map(Analysis::rootCause).orElse(null),
                analysis.map(Analysis::remediation).orElse(null),
                null,
                status,
                incident.incidentId(),
                KnowledgeDocument.LEARNED,
                null);
    }

    /** A fix document's body: the change, then how its deploy ended. */
    private static String withChange(KnowledgeRepository.ProposedPatch change, String outcome) {
        return changeText(change) + "\n\n" + outcome;
    }

    /** The patch as a fix document shows it: what it does, where it was reviewed, the diff. */
    static String changeText(KnowledgeRepository.ProposedPatch patch) {
        StringBuilder text = new StringBuilder(CHANGE_HEAD).append(patch.patchId());
        if (patch.summary() != null && !patch.summary().isBlank()) {
            text.append(": ").append(patch.summary().strip());
        }
        if (patch.pullRequestUrl() != null && !patch.pullRequestUrl().isBlank()) {
            text.append("\nPull request: ").append(patch.pullRequestUrl().strip());
        }
        return text.append("\n\n```diff\n")
                .append(patch.diff().strip())
                .append("\n```")
                .toString();
    }

    private static KnowledgeDocument pastIncident(IncidentCreated incident, Analysis analysis) {
        String samples = IncidentQuery.cut(String.join("\n", incident.samples()), MAX_STORED_SAMPLES);
        return new KnowledgeDocument(
                pastIncidentId(incident.incidentId()),
                DocumentKind.PAST_INCIDENT,
                LogMask.mask(incident.title()),
                LogMask.mask(samples),
                List.of(analysis.faultClass()),
                incident.fingerprint(),
                incident.service(),
                analysis.rootCause(),
                analysis.remediation(),
                null,
                FixStatus.UNTRIED,
                incident.incidentId(),
                KnowledgeDocument.LEARNED,
                null);
    }

    static String pastIncidentId(UUID incidentId) {
        return "incident-" + incidentId;
    }

    private static AnalysisCompleted completed(IncidentCreated incident, Analysis analysis) {
        return new AnalysisCompleted(
                UUID.randomUUID(),
                Instant.now(),
                AnalysisCompleted.VERSION,
                incident.incidentId(),
                incident.fingerprint(),
                incident.service(),
                analysis.faultClass(),
                analysis.rootCause(),
                analysis.remediation(),
                analysis.confidence(),
                analysis.method(),
                analysis.evidence(),
                analysis.similarIncidents());
    }
}
