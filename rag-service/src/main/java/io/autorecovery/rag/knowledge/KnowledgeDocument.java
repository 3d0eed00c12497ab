package io.autorecovery.rag.knowledge;

import io.autorecovery.contracts.FaultClass;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * One piece of knowledge: a past incident (signature, root cause, resolution), a runbook (Markdown
 * with front matter) or a fix (a change and whether it held).
 *
 * @param signature the fingerprint of the incidents this knowledge is about, if any
 * @param incidentId the incident a past-incident or fix document came from, if any
 */
public record KnowledgeDocument(
        String id,
        DocumentKind kind,
        String title,
        String body,
        List<FaultClass> faultClasses,
        String signature,
        String service,
        String rootCause,
        String remediation,
        Recipe recipe,
        FixStatus status,
        UUID incidentId,
        String origin,
        Instant updatedAt) {

    public static final String SHIPPED = "shipped";
    public static final String API = "api";
    public static final String LEARNED = "learned";

    public KnowledgeDocument {
        faultClasses = faultClasses == null ? List.of() : List.copyOf(faultClasses);
        status = status == null ? FixStatus.UNTRIED : status;
    }

    /**
     * The text that search indexes: what an error report about this knowledge would contain. A
     * runbook's Markdown already holds its root cause and remediation; its front matter is left out.
     */
    public String searchableText() {
        StringBuilder text = new StringBuilder(title).append('\n');
        faultClasses.forEach(faultClass -> text.append(faultClass.code()).append(' '));
        append(text, service);
        if (kind == DocumentKind.RUNBOOK) {
            append(text, withoutFrontMatter(body));
            return text.toString();
        }
        append(text, rootCause);
        append(text, remediation);
        append(text, body);
        return text.toString();
    }

    private static String withoutFrontMatter(String markdown) {
        if (!markdown.startsWith("---")) {
            return markdown;
        }
        int end = markdown.indexOf("\n---", 3);
        return end < 0 ? markdown : markdown.substring(end + 4);
    }

    public KnowledgeDocument withStatus(FixStatus newStatus) {
        return with(body, newStatus);
    }

    public KnowledgeDocument withBody(String newBody) {
        return with(newBody, status);
    }

    private KnowledgeDocument with(String newBody, FixStatus newStatus) {
        return new KnowledgeDocument(
                id,
                kind,
                title,
                newBody,
                faultClasses,
                signature,
                service,
                rootCause,
                remediation,
                recipe,
                newStatus,
                incidentId,
                origin,
                updatedAt);
    }

    private static void append(StringBuilder text, String part) {
        if (part != null && !part.isBlank()) {
            text.append('\n').append(part);
        }
    }
}
