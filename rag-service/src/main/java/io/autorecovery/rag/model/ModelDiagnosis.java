package io.autorecovery.rag.model;

import io.autorecovery.contracts.Evidence;
import io.autorecovery.contracts.FaultClass;
import io.autorecovery.contracts.IncidentCreated;
import io.autorecovery.rag.Analysis;
import io.autorecovery.rag.IncidentQuery;
import io.autorecovery.rag.RagConfig;
import io.autorecovery.rag.knowledge.FixStatus;
import io.autorecovery.rag.knowledge.KnowledgeDocument;
import io.autorecovery.rag.knowledge.KnowledgeStore;
import io.autorecovery.rag.search.SearchHit;
import io.quarkus.logging.Log;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Diagnoses an incident with Gemini when it is configured. The answer is trusted only within
 * bounds: document ids outside the retrieved set are dropped, confidence is clamped, the fault
 * class stays in the vocabulary, and an answer that is not valid JSON is asked for once more and
 * then given up for the retrieval-only diagnosis.
 */
@ApplicationScoped
public class ModelDiagnosis {

    public static final String METHOD = "gemini";

    static final int ATTEMPTS = 2;
    static final double MAX_CONFIDENCE = 0.95;
    private static final int PROMPT_DOCUMENTS = 6;
    private static final String KNOWLEDGE = "knowledge/";
    private static final int MAX_STEPS = 10;
    private static final int MAX_ROOT_CAUSE = 2_000;
    private static final int MAX_STEP = 500;
    private static final int MAX_SUSPECTS = 10;
    private static final Pattern FILE = Pattern.compile("[A-Za-z0-9_][A-Za-z0-9_./-]{0,199}");
    private static final Pattern SYMBOL = Pattern.compile("[A-Za-z_$][A-Za-z0-9_$.#<>]{0,199}");

    private final GeminiClient gemini;
    private final KnowledgeStore store;
    private final RagConfig config;

    ModelDiagnosis(GeminiClient gemini, KnowledgeStore store, RagConfig config) {
        this.gemini = gemini;
        this.store = store;
        this.config = config;
    }

    /** The model's analysis, or empty when no model is configured or it gave no usable answer. */
    public Optional<Analysis> diagnose(
            IncidentCreated incident, IncidentQuery query, List<SearchHit> hits, Analysis fallback) {
        if (!gemini.configured()) {
            return Optional.empty();
        }
        Map<String, Double> retrieved = retrieved(hits, fallback);
        List<KnowledgeDocument> documents = retrieved.keySet().stream()
                .map(store::find)
                .flatMap(Optional::stream)
                .toList();
        String prompt = Prompt.of(incident, query, documents, config.gemini().maxInputChars());
        return ask(incident, prompt).map(answer -> analysis(incident, answer, documents, retrieved, fallback));
    }

    /**
     * The documents the model may cite, with their similarity to the incident: those the retrieval
     * diagnosis rests on first, then the best other matches; never a reverted fix.
     */
    static Map<String, Double> retrieved(List<SearchHit> hits, Analysis fallback) {
        Map<String, Double> retrieved = new LinkedHashMap<>();
        fallback.evidence().stream()
                .filter(evidence -> evidence.reference().startsWith(KNOWLEDGE))
                .forEach(evidence ->
                        retrieved.put(evidence.reference().substring(KNOWLEDGE.length()), evidence.score()));
        hits.stream()
                .filter(hit -> hit.status() != FixStatus.REVERTED)
                .forEach(hit -> retrieved.putIfAbsent(hit.id(), Math.max(0, hit.similarity())));
        return retrieved.entrySet().stream()
                .limit(PROMPT_DOCUMENTS)
                .collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue, (a, b) -> a, LinkedHashMap::new));
    }

    private Optional<ModelAnswer> ask(IncidentCreated incident, String prompt) {
        for (int attempt = 1; attempt <= ATTEMPTS; attempt++) {
            try {
                Optional<ModelAnswer> answer = ModelAnswer.parse(gemini.generate(prompt));
                if (answer.isPresent()) {
                    return answer;
                }
                Log.warnf(
                        "incident %s: the model's answer is not the expected JSON (attempt %d of %d)",
                        incident.incidentId(), attempt, ATTEMPTS);
            } catch (RuntimeException e) {
                Log.warnf(
                        "incident %s: no model diagnosis, falling back to retrieval: %s",
                        incident.incidentId(), e.getMessage());
                return Optional.empty();
            }
        }
        Log.warnf(
                "incident %s: falling back to retrieval after %d unreadable answers", incident.incidentId(), ATTEMPTS);
        return Optional.empty();
    }

    static Analysis analysis(
            IncidentCreated incident,
            ModelAnswer answer,
            List<KnowledgeDocument> documents,
            Map<String, Double> retrieved,
            Analysis fallback) {
        double confidence = clamp(answer.confidence());
        List<Evidence> evidence = new ArrayList<>();
        new LinkedHashSet<>(answer.documentIds())
                .stream()
                        .filter(retrieved::containsKey)
                        .map(id -> documents.stream()
                                .filter(document -> document.id().equals(id))
                                .findFirst())
                        .flatMap(Optional::stream)
                        .forEach(document -> evidence.add(new Evidence(
                                document.kind().code(),
                                KNOWLEDGE + document.id(),
                                document.title(),
                                rounded(retrieved.get(document.id())))));
        suspects(answer.suspectedFiles(), FILE)
                .forEach(file -> evidence.add(new Evidence("suspected-file", file, "named by the model", confidence)));
        suspects(answer.suspectedSymbols(), SYMBOL)
                .forEach(symbol ->
                        evidence.add(new Evidence("suspected-symbol", symbol, "named by the model", confidence)));

        return new Analysis(
                incident.incidentId(),
                faultClass(incident.faultClass(), answer.faultClass(), fallback.faultClass()),
                Prompt.cut(answer.rootCause().strip(), MAX_ROOT_CAUSE),
                remediation(answer.remediationSteps()),
                confidence,
                METHOD,
                evidence,
                fallback.similarIncidents());
    }

    /** The reported class wins; the model may only name one when the incident had none. */
    static FaultClass faultClass(FaultClass reported, String proposed, FaultClass fromRetrieval) {
        if (reported != FaultClass.UNKNOWN) {
            return reported;
        }
        FaultClass named = FaultClass.of(proposed);
        return named != FaultClass.UNKNOWN ? named : fromRetrieval;
    }

    static double clamp(double confidence) {
        if (Double.isNaN(confidence)) {
            return 0;
        }
        return rounded(Math.max(0, Math.min(MAX_CONFIDENCE, confidence)));
    }

    private static String remediation(List<String> steps) {
        List<String> kept = steps.stream().limit(MAX_STEPS).toList();
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < kept.size(); i++) {
            text.append(i == 0 ? "" : "\n").append(i + 1).append(". ").append(Prompt.cut(kept.get(i), MAX_STEP));
        }
        return text.toString();
    }

    private static List<String> suspects(List<String> names, Pattern allowed) {
        return names.stream()
                .filter(name -> allowed.matcher(name).matches() && !name.contains(".."))
                .distinct()
                .limit(MAX_SUSPECTS)
                .toList();
    }

    private static double rounded(double value) {
        return Math.round(value * 1000) / 1000.0;
    }
}
