package io.autorecovery.rag.model;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import io.autorecovery.contracts.EventJson;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** The model's answer as parsed from its JSON, before any of it is trusted. */
record ModelAnswer(
        String rootCause,
        List<String> remediationSteps,
        double confidence,
        String faultClass,
        List<String> suspectedFiles,
        List<String> suspectedSymbols,
        List<String> documentIds) {

    /** The answer, or empty when the text is not JSON of the expected shape. */
    static Optional<ModelAnswer> parse(String text) {
        String json = text.strip();
        if (json.startsWith("```")) {
            json = json.replaceFirst("^```(json)?", "").replaceFirst("```$", "").strip();
        }
        try {
            JsonNode node = EventJson.mapper().readTree(json);
            if (node == null || !node.isObject()) {
                return Optional.empty();
            }
            JsonNode rootCause = node.path("rootCause");
            JsonNode confidence = node.path("confidence");
            List<String> steps = texts(node.path("remediationSteps"));
            if (!rootCause.isTextual() || rootCause.asText().isBlank() || !confidence.isNumber() || steps.isEmpty()) {
                return Optional.empty();
            }
            return Optional.of(new ModelAnswer(
                    rootCause.asText(),
                    steps,
                    confidence.asDouble(),
                    node.path("faultClass").asText(""),
                    texts(node.path("suspectedFiles")),
                    texts(node.path("suspectedSymbols")),
                    texts(node.path("documentIds"))));
        } catch (JsonProcessingException e) {
            return Optional.empty();
        }
    }

    private static List<String> texts(JsonNode array) {
        List<String> texts = new ArrayList<>();
        if (array.isArray()) {
            array.forEach(item -> {
                if (item.isTextual() && !item.asText().isBlank()) {
                    texts.add(item.asText().strip());
                }
            });
        }
        return texts;
    }
}
