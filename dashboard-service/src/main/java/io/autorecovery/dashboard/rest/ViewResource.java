package io.autorecovery.dashboard.rest;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.autorecovery.dashboard.projection.IncidentFilter;
import io.autorecovery.dashboard.projection.Views;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** The views the page reads: the incident board, one incident in full, statistics, deploys. */
@Path("/api")
@Tag(name = "Views")
@Produces(MediaType.APPLICATION_JSON)
public class ViewResource {

    private final Views views;

    ViewResource(Views views) {
        this.views = views;
    }

    @GET
    @Path("incidents")
    @Operation(summary = "Incidents, newest first, optionally filtered")
    public List<ObjectNode> incidents(
            @QueryParam("status") List<@Size(max = 40) String> statuses,
            @QueryParam("service") @Size(max = 200) String service,
            @QueryParam("severity") @Size(max = 40) String severity,
            @QueryParam("q") @Size(max = 200) String query,
            @QueryParam("limit") @DefaultValue("200") @Min(1) @Max(1000) int limit) {
        return views.incidents(new IncidentFilter(Set.copyOf(statuses), service, severity, query, limit));
    }

    @GET
    @Path("incidents/{id}")
    @Operation(summary = "One incident with its analysis, patch, last deploy and whole timeline")
    public ObjectNode incident(@PathParam("id") UUID id) {
        return views.incident(id.toString()).orElseThrow(() -> new NotFoundException("no incident " + id));
    }

    @GET
    @Path("stats")
    @Operation(summary = "Events per stage, incidents per status, mean durations, incidents per hour")
    public ObjectNode stats() {
        return views.stats(Instant.now());
    }

    @GET
    @Path("deploys")
    @Operation(summary = "Recent deployments with their outcome")
    public List<ObjectNode> deploys(@QueryParam("limit") @DefaultValue("50") @Min(1) @Max(500) int limit) {
        return views.deploys(limit);
    }
}
