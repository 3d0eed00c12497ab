package io.autorecovery.rag.knowledge;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;

/** The runbooks that ship inside the service, as Markdown resources listed in runbooks/index.txt. */
public final class ShippedRunbooks {

    private static final String FOLDER = "runbooks/";

    private ShippedRunbooks() {}

    public static List<KnowledgeDocument> read() {
        return resource(FOLDER + "index.txt")
                .lines()
                .map(String::strip)
                .filter(name -> !name.isEmpty())
                .map(name -> document(RunbookMarkdown.parse(resource(FOLDER + name))))
                .toList();
    }

    /** The document of a parsed runbook, under the given id (or the front matter's if null). */
    public static KnowledgeDocument document(RunbookMarkdown.Parsed runbook, String id, String origin) {
        return new KnowledgeDocument(
                id != null ? id : runbook.id(),
                DocumentKind.RUNBOOK,
                runbook.title(),
                runbook.markdown(),
                runbook.faultClasses(),
                null,
                null,
                runbook.rootCause(),
                runbook.remediation(),
                runbook.recipe(),
                FixStatus.UNTRIED,
                null,
                origin,
                null);
    }

    private static KnowledgeDocument document(RunbookMarkdown.Parsed runbook) {
        if (runbook.id() == null) {
            throw new IllegalStateException("the shipped runbook '" + runbook.title() + "' has no id");
        }
        return document(runbook, runbook.id(), KnowledgeDocument.SHIPPED);
    }

    private static String resource(String name) {
        try (InputStream in = ShippedRunbooks.class.getClassLoader().getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException("the service ships no resource " + name);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + name, e);
        }
    }
}
