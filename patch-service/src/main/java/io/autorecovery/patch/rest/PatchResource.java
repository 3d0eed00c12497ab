package io.autorecovery.patch.rest;

import io.autorecovery.patch.Patch;
import io.autorecovery.patch.PatchRepository;
import jakarta.transaction.Transactional;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.UUID;

/** Read access to the patch proposed for each incident. */
@Path("/patches")
@Produces(MediaType.APPLICATION_JSON)
public class PatchResource {

    private final PatchRepository patches;

    PatchResource(PatchRepository patches) {
        this.patches = patches;
    }

    @GET
    @Path("/incident/{incidentId}")
    @Transactional
    public Patch byIncident(@PathParam("incidentId") UUID incidentId) {
        return patches.byIncident(incidentId).orElseThrow(() -> new NotFoundException("no patch for " + incidentId));
    }
}
