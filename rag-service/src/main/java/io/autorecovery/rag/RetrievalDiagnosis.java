package io.autorecovery.rag;

import io.autorecovery.contracts.Evidence;
import io.autorecovery.contracts.FaultClass;
import io.autorecovery.contracts.IncidentCreated;
import io.autorecovery.rag.knowledge.DocumentKind;
import io.autorecovery.rag.knowledge.FixStatus;
import io.autorecovery.rag.knowledge.KnowledgeDocument;
import io.autorecovery.rag.knowledge.KnowledgeStore;
import io.autorecovery.rag.knowledge.Recipe;
import io.autorecovery.rag.search.SearchHit;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * Diagnoses an incident without a model: the root cause and remediation of its best match (a
 * verified fix of the same signature, else the best runbook of its fault class, else the best
 * match of any kind), with a confidence that grows with how close and how proven the match is.
 */
@ApplicationScoped
public class RetrievalDiagnosis {

    public static final String METHOD = "retrieval";

    static final int MAX_EVIDENCE = 4;
    private static final double NO_MATCH_CONFIDENCE = 0.15;
    private static final double MATCH_BASE = 0.30;
    private static final double PER_SIMILARITY = 0.40;
    private static final double CLASS_AGREES = 0.15;
    private static final double PROVEN_MATCH = 0.10;
    private static final double PER_VERIFIED_FIX = 0.10;
    private static final double PER_SAME_FINGERPRINT = 0.05;
    private static final double MAX_CONFIDENCE = 0.95;

    private final KnowledgeStore store;

    RetrievalDiagnosis(KnowledgeStore store) {
        this.store = store;
    }

    /** The document a diagnosis rests on and how close it is to the incident (cosine, 0..1). */
    record Match(KnowledgeDocument document, double similarity) {}

    public Analysis diagnose(IncidentCreated incident, List<SearchHit> hits, List<SimilarIncident> similar) {
        List<SearchHit> usable =
                hits.stream().filter(hit -> hit.status() != FixStatus.REVERTED).toList();
        Optional<Match> basis = basis(incident, usable);
        if (basis.isEmpty()) {
            return withoutMatch(incident, similar);
        }
        KnowledgeDocument document = basis.get().document();
        FaultClass faultClass = settledClass(incident.faultClass(), document);
        boolean agrees = document.faultClasses().contains(faultClass) && faultClass != FaultClass.UNKNOWN;

        return new Analysis(
                incident.incidentId(),
                faultClass,
                document.rootCause() == null ? document.title() : document.rootCause(),
                remediation(document),
                confidence(basis.get(), agrees, similar),
                METHOD,
                evidence(basis.get(), usable, similar),
                idsOf(similar));
    }

    Optional<Match> basis(IncidentCreated incident, List<SearchHit> usable) {
        Optional<KnowledgeDocument> proven = store.bySignature(incident.fingerprint()).stream()
                .filter(document -> document.status() == FixStatus.VERIFIED)
                .min(Comparator.comparing(document -> document.kind() != DocumentKind.FIX));
        if (proven.isPresent()) {
            return Optional.of(new Match(proven.get(), 1.0));
        }
        FaultClass faultClass = incident.faultClass();
        if (faultClass != FaultClass.UNKNOWN) {
            Optional<Match> runbook = usable.stream()
                    .filter(hit -> hit.kind() == DocumentKind.RUNBOOK
                            && hit.faultClasses().contains(faultClass))
                    .findFirst()
                    .flatMap(this::match);
            return runbook.isPresent() ? runbook : runbookOfClass(faultClass);
        }
        return usable.stream()
                .filter(hit -> hit.kind() != DocumentKind.FIX)
                .findFirst()
                .flatMap(this::match);
    }

    private Optional<Match> match(SearchHit hit) {
        return store.find(hit.id()).map(document -> new Match(document, Math.max(0, hit.similarity())));
    }

    private Optional<Match> runbookOfClass(FaultClass faultClass) {
        return store.list(DocumentKind.RUNBOOK, 1_000, 0).stream()
                .filter(runbook -> runbook.faultClasses().contains(faultClass))
                .findFirst()
                .map(runbook -> new Match(runbook, 0));
    }

    private static FaultClass settledClass(FaultClass reported, KnowledgeDocument basis) {
        if (reported != FaultClass.UNKNOWN || basis.faultClasses().isEmpty()) {
            return reported;
        }
        return basis.faultClasses().get(0);
    }

    static double confidence(Match basis, boolean classAgrees, List<SimilarIncident> similar) {
        double score = MATCH_BASE
                + PER_SIMILARITY * Math.min(1, basis.similarity())
                + (classAgrees ? CLASS_AGREES : 0)
                + (basis.document().status() == FixStatus.VERIFIED ? PROVEN_MATCH : 0);
        return rounded(Math.min(MAX_CONFIDENCE, score + fromSimilar(similar)));
    }

    private static double fromSimilar(List<SimilarIncident> similar) {
        long verified = similar.stream().filter(SimilarIncident::fixVerified).count();
        long sameFingerprint =
                similar.stream().filter(SimilarIncident::sameFingerprint).count();
        return PER_VERIFIED_FIX * verified + PER_SAME_FINGERPRINT * sameFingerprint;
    }

    private static Analysis withoutMatch(IncidentCreated incident, List<SimilarIncident> similar) {
        return new Analysis(
                incident.incidentId(),
                incident.faultClass(),
                "No runbook covers fault class '" + incident.faultClass().code() + "' yet.",
                "Escalate to the owner of " + incident.service() + " and write a runbook for this fault.",
                rounded(Math.min(MAX_CONFIDENCE, NO_MATCH_CONFIDENCE + fromSimilar(similar))),
                METHOD,
                similarEvidence(similar),
                idsOf(similar));
    }

    static String remediation(KnowledgeDocument document) {
        String remediation = document.remediation() == null ? document.title() : document.remediation();
        Recipe recipe = document.recipe();
        if (recipe == null) {
            return remediation;
        }
        return remediation + "\nRecipe: set " + recipe.setting() + " from " + recipe.from() + " to " + recipe.to()
                + " in " + recipe.file() + " (" + recipe.summary() + ").";
    }

    private static List<Evidence> evidence(Match basis, List<SearchHit> usable, List<SimilarIncident> similar) {
        List<Evidence> evidence = new ArrayList<>();
        evidence.add(evidenceOf(basis.document(), basis.similarity()));
        usable.stream()
                .filter(hit -> !hit.id().equals(basis.document().id()))
                .limit(MAX_EVIDENCE - 1L)
                .forEach(hit -> evidence.add(new Evidence(
                        hit.kind().code(), reference(hit.id()), hit.title(), rounded(Math.max(0, hit.similarity())))));
        evidence.addAll(similarEvidence(similar));
        return evidence;
    }

    static Evidence evidenceOf(KnowledgeDocument document, double similarity) {
        return new Evidence(document.kind().code(), reference(document.id()), document.title(), rounded(similarity));
    }

    static String reference(String documentId) {
        return "knowledge/" + documentId;
    }

    private static List<Evidence> similarEvidence(List<SimilarIncident> similar) {
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

    static double rounded(double value) {
        return Math.round(value * 1000) / 1000.0;
    }
}
