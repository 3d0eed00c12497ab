package io.autorecovery.rag;

import io.autorecovery.contracts.FaultClass;
import io.autorecovery.rag.knowledge.DocumentConflictException;
import io.autorecovery.rag.knowledge.DocumentInput;
import io.autorecovery.rag.knowledge.DocumentKind;
import io.autorecovery.rag.knowledge.FixStatus;
import io.autorecovery.rag.knowledge.InvalidDocumentException;
import io.autorecovery.rag.knowledge.KnowledgeDocument;
import io.autorecovery.rag.knowledge.KnowledgeStore;
import io.autorecovery.rag.knowledge.OversizedDocumentException;
import io.autorecovery.rag.knowledge.RunbookMarkdown;
import io.autorecovery.rag.knowledge.ShippedRunbooks;
import io.autorecovery.rag.knowledge.UnknownDocumentException;
import io.autorecovery.rag.search.KnowledgeIndex;
import io.autorecovery.rag.search.SearchHit;
import io.quarkus.logging.Log;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.transaction.Transactional;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Pattern;

/** Adds, changes, removes and searches knowledge, keeping the store and the search index in step. */
@ApplicationScoped
public class Knowledge {

    private static final Pattern ID = Pattern.compile("[a-z0-9][a-z0-9._-]{0,99}");
    private static final int MAX_TITLE = 300;
    private static final int MAX_FIELD = 8_000;

    private final KnowledgeStore store;
    private final KnowledgeIndex index;
    private final RagConfig config;

    Knowledge(KnowledgeStore store, KnowledgeIndex index, RagConfig config) {
        this.store = store;
        this.index = index;
        this.config = config;
    }

    /** Loads the shipped runbooks on the first start, then builds the search index. */
    void onStart(@Observes StartupEvent start) {
        if (store.list(DocumentKind.RUNBOOK, 1, 0).isEmpty()) {
            Log.infof("knowledge store has no runbook: loading the %d shipped ones", seed());
        }
        index.rebuildIfStale();
    }

    @Transactional
    public KnowledgeDocument add(DocumentInput input) {
        KnowledgeDocument document = documentOf(input, input.id(), KnowledgeDocument.API);
        if (store.find(document.id()).isPresent()) {
            throw new DocumentConflictException("document '" + document.id() + "' exists; update it with PUT");
        }
        return save(document);
    }

    @Transactional
    public KnowledgeDocument update(String id, DocumentInput input) {
        KnowledgeDocument existing = find(id).orElseThrow(() -> new UnknownDocumentException(id));
        if (input.id() != null && !input.id().equals(id)) {
            throw new InvalidDocumentException("the body's id '" + input.id() + "' differs from the path's");
        }
        return save(documentOf(input, id, existing.origin()));
    }

    @Transactional
    public Optional<KnowledgeDocument> find(String id) {
        return store.find(id);
    }

    /** The past-incident and fix documents that came from an incident. */
    @Transactional
    public List<KnowledgeDocument> ofIncident(UUID incidentId) {
        return store.byIncident(incidentId);
    }

    @Transactional
    public List<KnowledgeDocument> list(DocumentKind kind, int limit, int offset) {
        return store.list(kind, limit, offset);
    }

    @Transactional
    public void delete(String id) {
        if (!store.delete(id)) {
            throw new UnknownDocumentException(id);
        }
        index.deleted(id);
        Log.infof("knowledge document %s deleted", id);
    }

    public List<SearchHit> search(String text, int k) {
        return index.search(text, k);
    }

    /** (Re)loads every runbook that ships with the service; returns how many. */
    @Transactional
    public int seed() {
        List<KnowledgeDocument> runbooks = ShippedRunbooks.read();
        runbooks.forEach(this::save);
        return runbooks.size();
    }

    /** Stores learned or changed knowledge; the caller brings the transaction. */
    @Transactional(Transactional.TxType.MANDATORY)
    public KnowledgeDocument save(KnowledgeDocument document) {
        float[] vector = index.vectorOf(document);
        store.save(document, vector, index.model());
        KnowledgeDocument saved = store.find(document.id()).orElseThrow();
        index.written(saved, vector);
        Log.infof(
                "knowledge document %s (%s) saved as %s",
                saved.id(), saved.kind().code(), saved.status().code());
        return saved;
    }

    private KnowledgeDocument documentOf(DocumentInput input, String id, String origin) {
        if (input == null || input.kind() == null) {
            throw new InvalidDocumentException("a document needs a kind: past-incident, runbook or fix");
        }
        DocumentKind kind = DocumentKind.of(input.kind());
        limit("body", input.body(), config.search().maxBodyChars());
        limit("diff", input.diff(), config.search().maxBodyChars());
        return switch (kind) {
            case RUNBOOK -> runbookDocument(RunbookMarkdown.parse(input.body()), id, origin);
            case PAST_INCIDENT -> pastIncident(input, id, origin);
            case FIX -> fix(input, id, origin);
        };
    }

    private static KnowledgeDocument runbookDocument(RunbookMarkdown.Parsed runbook, String id, String origin) {
        if (runbook.id() != null && id != null && !runbook.id().equals(id)) {
            throw new InvalidDocumentException(
                    "the front matter's id '" + runbook.id() + "' differs from '" + id + "'");
        }
        limit("title", runbook.title(), MAX_TITLE);
        String documentId = checkedId(id != null ? id : runbook.id(), "runbook");
        return ShippedRunbooks.document(runbook, documentId, origin);
    }

    private static KnowledgeDocument pastIncident(DocumentInput input, String id, String origin) {
        return new KnowledgeDocument(
                checkedId(id, "incident"),
                DocumentKind.PAST_INCIDENT,
                limit("title", required(input.title(), "title"), MAX_TITLE),
                LogMask.mask(input.body() == null ? "" : input.body()),
                faultClasses(input.faultClasses()),
                required(input.signature(), "signature"),
                input.service(),
                limit("rootCause", required(input.rootCause(), "rootCause"), MAX_FIELD),
                limit("resolution", required(input.resolution(), "resolution"), MAX_FIELD),
                input.recipe(),
                input.status() == null ? FixStatus.UNTRIED : FixStatus.of(input.status()),
                null,
                origin,
                null);
    }

    private static KnowledgeDocument fix(DocumentInput input, String id, String origin) {
        return new KnowledgeDocument(
                checkedId(id, "fix"),
                DocumentKind.FIX,
                limit("title", required(input.title(), "title"), MAX_TITLE),
                required(input.diff(), "diff"),
                faultClasses(input.faultClasses()),
                required(input.signature(), "signature"),
                input.service(),
                limit("rootCause", input.rootCause(), MAX_FIELD),
                limit("resolution", input.resolution(), MAX_FIELD),
                input.recipe(),
                FixStatus.of(required(input.status(), "status")),
                null,
                origin,
                null);
    }

    private static List<FaultClass> faultClasses(List<String> codes) {
        return codes == null
                ? List.of()
                : codes.stream().map(RunbookMarkdown::faultClass).toList();
    }

    private static String checkedId(String id, String prefix) {
        String checked = id != null ? id : prefix + "-" + UUID.randomUUID();
        if (!ID.matcher(checked).matches()) {
            throw new InvalidDocumentException(
                    "a document id is 1 to 100 characters of a-z, 0-9, '.', '_' and '-', starting with a letter"
                            + " or digit; '" + checked + "' is not");
        }
        return checked;
    }

    private static String required(String value, String field) {
        if (value == null || value.isBlank()) {
            throw new InvalidDocumentException("this kind of document needs '" + field + "'");
        }
        return value;
    }

    private static String limit(String field, String value, int max) {
        if (value != null && value.length() > max) {
            throw new OversizedDocumentException(
                    "'" + field + "' has " + value.length() + " characters; at most " + max + " are accepted");
        }
        return value;
    }
}
