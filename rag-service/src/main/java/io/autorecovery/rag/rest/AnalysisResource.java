package io.autorecovery.rag.rest;

import io.autorecovery.rag.Analysis;
import io.autorecovery.rag.KnowledgeRepository;
import jakarta.transaction.Transactional;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.UUID;

/** Read access to the analysis of each incident. */
@Path("/analyses")
@Produces(MediaType.APPLICATION_JSON)
public class AnalysisResource {

    private final KnowledgeRepository knowledge;

    AnalysisResource(KnowledgeRepository knowledge) {
        this.knowledge = knowledge;
    }

    @GET
    @Path("/{incidentId}")
    @Transactional
    public Analysis byIncident(@PathParam("incidentId") UUID incidentId) {
        return knowledge
                .analysisOf(incidentId)
                .orElseThrow(() -> new NotFoundException("no analysis of " + incidentId));
    }
}
