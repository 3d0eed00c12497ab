package io.autorecovery.rag;

import io.autorecovery.contracts.AnalysisCompleted;
import io.autorecovery.contracts.DeployCompleted;
import io.autorecovery.contracts.Evidence;
import io.autorecovery.contracts.IncidentCreated;
import io.autorecovery.outbox.Outbox;
import io.quarkus.logging.Log;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import jakarta.transaction.Transactional.TxType;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * Diagnoses incidents from what the knowledge store holds: the runbook of the fault class and past
 * incidents like this one, weighted by whether their fixes held. No model is involved.
 */
@ApplicationScoped
public class Diagnosis {

    static final String METHOD = "retrieval";

    private static final double RUNBOOK_CONFIDENCE = 0.55;
    private static final double NO_RUNBOOK_CONFIDENCE = 0.15;
    private static final double PER_VERIFIED_FIX = 0.10;
    private static final double PER_SAME_FINGERPRINT = 0.05;
    private static final double MAX_CONFIDENCE = 0.95;

    private final KnowledgeRepository knowledge;
    private final Outbox outbox;

    Diagnosis(KnowledgeRepository knowledge, Outbox outbox) {
        this.knowledge = knowledge;
        this.outbox = outbox;
    }

    @Transactional(TxType.MANDATORY)
    public void diagnose(IncidentCreated incident) {
        List<SimilarIncident> similar = knowledge.similarTo(incident);
        Analysis analysis = knowledge
                .runbookFor(incident.faultClass())
                .map(runbook -> fromRunbook(incident, runbook, similar))
                .orElseGet(() -> withoutRunbook(incident, similar));

        knowledge.remember(incident);
        knowledge.saveAnalysis(analysis);
        outbox.enqueue(completed(incident, analysis), incident.incidentId().toString());
        Log.infof(
                "incident %s diagnosed as %s with confidence %.2f",
                incident.incidentId(), incident.faultClass().code(), analysis.confidence());
    }

    /** Learns how a fix ended, so that later diagnoses can trust or distrust it. */
    @Transactional(TxType.MANDATORY)
    public void learn(DeployCompleted deploy) {
        knowledge.recordOutcome(deploy);
        Log.debugf("deployment %s of %s recorded as %s", deploy.deploymentId(), deploy.service(), deploy.outcome());
    }

    static double confidence(boolean runbookFound, List<SimilarIncident> similar) {
        long verified = similar.stream().filter(SimilarIncident::fixVerified).count();
        long sameFingerprint =
                similar.stream().filter(SimilarIncident::sameFingerprint).count();
        double base = runbookFound ? RUNBOOK_CONFIDENCE : NO_RUNBOOK_CONFIDENCE;

        return Math.min(MAX_CONFIDENCE, base + PER_VERIFIED_FIX * verified + PER_SAME_FINGERPRINT * sameFingerprint);
    }

    private static Analysis fromRunbook(IncidentCreated incident, Runbook runbook, List<SimilarIncident> similar) {
        List<Evidence> evidence = new ArrayList<>();
        evidence.add(new Evidence("runbook", "runbooks/" + runbook.id(), runbook.title(), 1.0));
        evidence.addAll(evidenceOf(similar));

        return new Analysis(
                incident.incidentId(),
                runbook.rootCause(),
                runbook.remediation(),
                confidence(true, similar),
                METHOD,
                evidence,
                idsOf(similar));
    }

    private static Analysis withoutRunbook(IncidentCreated incident, List<SimilarIncident> similar) {
        String rootCause =
                "No runbook covers fault class '" + incident.faultClass().code() + "' yet.";
        String remediation = "Escalate to the owner of " + incident.service() + " and write a runbook for this fault.";

        return new Analysis(
                incident.incidentId(),
                rootCause,
                remediation,
                confidence(false, similar),
                METHOD,
                evidenceOf(similar),
                idsOf(similar));
    }

    private static List<Evidence> evidenceOf(List<SimilarIncident> similar) {
        return similar.stream()
                .map(past -> new Evidence(
                        "incident",
                        "incidents/" + past.incidentId(),
                        (past.sameFingerprint() ? "same fingerprint" : "same service and fault class")
                                + (past.fixVerified() ? ", fix verified" : ", no verified fix"),
                        past.sameFingerprint() ? 0.9 : 0.6))
                .toList();
    }

    private static List<UUID> idsOf(List<SimilarIncident> similar) {
        return similar.stream().map(SimilarIncident::incidentId).toList();
    }

    private static AnalysisCompleted completed(IncidentCreated incident, Analysis analysis) {
        return new AnalysisCompleted(
                UUID.randomUUID(),
                Instant.now(),
                AnalysisCompleted.VERSION,
                incident.incidentId(),
                incident.fingerprint(),
                incident.service(),
                incident.faultClass(),
                analysis.rootCause(),
                analysis.remediation(),
                analysis.confidence(),
                analysis.method(),
                analysis.evidence(),
                analysis.similarIncidents());
    }
}
