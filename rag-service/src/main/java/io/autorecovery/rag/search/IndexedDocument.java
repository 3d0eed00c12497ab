package io.autorecovery.rag.search;

import io.autorecovery.contracts.FaultClass;
import io.autorecovery.rag.knowledge.DocumentKind;
import io.autorecovery.rag.knowledge.FixStatus;
import io.autorecovery.rag.knowledge.KnowledgeDocument;
import java.util.List;

/** What the index keeps of a document: enough to rank it and to name it in a result. */
public record IndexedDocument(
        String id, DocumentKind kind, String title, List<FaultClass> faultClasses, FixStatus status, String text) {

    public static IndexedDocument of(KnowledgeDocument document) {
        return new IndexedDocument(
                document.id(),
                document.kind(),
                document.title(),
                document.faultClasses(),
                document.status(),
                document.searchableText());
    }
}
