package io.autorecovery.rag.rest;

import io.autorecovery.rag.Knowledge;
import io.autorecovery.rag.knowledge.DocumentInput;
import io.autorecovery.rag.knowledge.DocumentKind;
import io.autorecovery.rag.knowledge.KnowledgeDocument;
import io.autorecovery.rag.knowledge.UnknownDocumentException;
import io.autorecovery.rag.search.SearchHit;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import java.util.List;
import java.util.Map;

/** The knowledge API: documents in, ranked documents out. */
@Path("/knowledge")
@Produces(MediaType.APPLICATION_JSON)
public class KnowledgeResource {

    private static final int MAX_K = 50;
    private static final int MAX_QUERY_CHARS = 4_000;
    private static final int MAX_PAGE = 500;

    private final Knowledge knowledge;

    KnowledgeResource(Knowledge knowledge) {
        this.knowledge = knowledge;
    }

    @POST
    @Path("/documents")
    @Consumes(MediaType.APPLICATION_JSON)
    public Response add(DocumentInput input) {
        KnowledgeDocument added = knowledge.add(input);
        return Response.created(URI.create("/knowledge/documents/" + added.id()))
                .entity(added)
                .build();
    }

    @PUT
    @Path("/documents/{id}")
    @Consumes(MediaType.APPLICATION_JSON)
    public KnowledgeDocument update(@PathParam("id") String id, DocumentInput input) {
        return knowledge.update(id, input);
    }

    @GET
    @Path("/documents/{id}")
    public KnowledgeDocument get(@PathParam("id") String id) {
        return knowledge.find(id).orElseThrow(() -> new UnknownDocumentException(id));
    }

    @GET
    @Path("/documents")
    public List<KnowledgeDocument> list(
            @QueryParam("kind") String kind,
            @QueryParam("limit") @DefaultValue("100") int limit,
            @QueryParam("offset") @DefaultValue("0") int offset) {
        if (limit < 1 || limit > MAX_PAGE || offset < 0) {
            throw new IllegalArgumentException("limit must lie in [1, " + MAX_PAGE + "] and offset be >= 0");
        }
        return knowledge.list(kind == null ? null : DocumentKind.of(kind), limit, offset);
    }

    @DELETE
    @Path("/documents/{id}")
    public Response delete(@PathParam("id") String id) {
        knowledge.delete(id);
        return Response.noContent().build();
    }

    /** Ranked documents for free text, such as an error message or a stack trace. */
    @GET
    @Path("/search")
    public List<SearchHit> search(@QueryParam("q") String q, @QueryParam("k") @DefaultValue("5") int k) {
        if (q == null || q.isBlank()) {
            throw new IllegalArgumentException("give the text to search for as q");
        }
        if (q.length() > MAX_QUERY_CHARS) {
            throw new IllegalArgumentException("q has " + q.length() + " characters; at most " + MAX_QUERY_CHARS);
        }
        if (k < 1 || k > MAX_K) {
            throw new IllegalArgumentException("k must lie in [1, " + MAX_K + "]");
        }
        return knowledge.search(q, k);
    }

    /** Reloads the runbooks that ship with the service, replacing their stored versions. */
    @POST
    @Path("/seed")
    public Map<String, Integer> seed() {
        return Map.of("runbooks", knowledge.seed());
    }
}
