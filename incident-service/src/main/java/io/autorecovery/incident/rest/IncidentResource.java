package io.autorecovery.incident.rest;

import io.autorecovery.incident.Incident;
import io.autorecovery.incident.IncidentRepository;
import io.autorecovery.incident.TimelineEntry;
import jakarta.transaction.Transactional;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.util.List;
import java.util.UUID;

/** Read access to incidents and their timelines. */
@Path("/incidents")
@Produces(MediaType.APPLICATION_JSON)
public class IncidentResource {

    private final IncidentRepository repository;

    IncidentResource(IncidentRepository repository) {
        this.repository = repository;
    }

    @GET
    @Transactional
    public List<Incident> recent(@QueryParam("limit") @DefaultValue("50") @Min(1) @Max(500) int limit) {
        return repository.recent(limit);
    }

    @GET
    @Path("/{id}")
    @Transactional
    public IncidentView byId(@PathParam("id") UUID id) {
        Incident incident = repository.findById(id).orElseThrow(() -> new NotFoundException("no incident " + id));

        return new IncidentView(incident, repository.timeline(id));
    }

    /** An incident with its whole timeline. */
    public record IncidentView(Incident incident, List<TimelineEntry> timeline) {}
}
