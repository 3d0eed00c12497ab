package io.autorecovery.dashboard.action;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.autorecovery.dashboard.DashboardConfig;
import io.autorecovery.dashboard.auth.Person;
import io.quarkus.logging.Log;
import io.smallrye.mutiny.Uni;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * Operators' actions, carried out by the services that own them: approving, rejecting and resolving
 * by the incident service, pausing and resuming automatic deploys by the deployer. The access
 * filter lets only operators reach the POST calls.
 */
@Path("/api")
@Tag(name = "Actions")
@Produces(MediaType.APPLICATION_JSON)
public class ActionResource {

    /** What an operator adds to an action: a comment or reason, up to 2,000 characters. */
    public record Note(@Size(max = 2000) String text) {}

    /** The position asked of the pause switch, and why. */
    public record Switch(
            @NotNull Boolean paused, @Size(max = 2000) String reason) {}

    /** The longest text the incident service takes with an action. */
    private static final int MAX_TEXT = 2000;

    private final Upstream incidents;
    private final Upstream deployer;
    private final ObjectMapper json;

    ActionResource(DashboardConfig config, ObjectMapper json) {
        this.incidents = new Upstream("incident-service", config.incident());
        this.deployer = new Upstream("deployer-service", config.deployer());
        this.json = json;
    }

    @POST
    @Path("incidents/{id}/approve")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Approve the patch held for the incident")
    public Uni<Response> approve(
            @PathParam("id") String id, @Valid Note note, @Context ContainerRequestContext request) {
        return act(id, "approve", "comment", "approved", note, request);
    }

    @POST
    @Path("incidents/{id}/reject")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Reject the patch held for the incident")
    public Uni<Response> reject(
            @PathParam("id") String id, @Valid Note note, @Context ContainerRequestContext request) {
        return act(id, "reject", "reason", "rejected", note, request);
    }

    @POST
    @Path("incidents/{id}/resolve")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Resolve the incident by hand")
    public Uni<Response> resolve(
            @PathParam("id") String id, @Valid Note note, @Context ContainerRequestContext request) {
        return act(id, "resolve", "reason", "resolved", note, request);
    }

    @GET
    @Path("automation")
    @Operation(summary = "Whether automatic deploys are paused")
    public Uni<Response> automation() {
        return deployer.get("/automation");
    }

    @POST
    @Path("automation")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Pause or resume automatic deploys")
    public Uni<Response> turn(@Valid @NotNull Switch change, @Context ContainerRequestContext request) {
        Person person = person(request);
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("paused", change.paused());
        body.put("onBehalfOf", person.name());
        body.put(
                "reason",
                change.reason() == null ? "from the dashboard" : change.reason().strip());
        Log.infof("%s asks the deployer to %s automation", person.name(), change.paused() ? "pause" : "resume");

        return deployer.post("/automation", write(body));
    }

    private Uni<Response> act(
            String id, String action, String field, String done, Note note, ContainerRequestContext request) {
        UUID incident;
        try {
            incident = UUID.fromString(id);
        } catch (IllegalArgumentException e) {
            return Uni.createFrom().item(Upstream.failure(400, "not an incident id: " + shortened(id)));
        }
        Person person = person(request);
        String text = note == null || note.text() == null || note.text().isBlank()
                ? done
                : note.text().strip();
        String attributed = person.name() + " (dashboard): " + text;
        if (attributed.length() > MAX_TEXT) {
            attributed = attributed.substring(0, MAX_TEXT);
        }
        Log.infof("incident %s: %s asks the incident service to %s", incident, person.name(), action);

        return incidents.post("/incidents/" + incident + "/" + action, write(Map.of(field, attributed)));
    }

    private String write(Map<String, ?> body) {
        try {
            return json.writeValueAsString(body);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write a request body", e);
        }
    }

    private static Person person(ContainerRequestContext request) {
        return (Person) request.getProperty(Person.PROPERTY);
    }

    private static String shortened(String text) {
        return text.length() <= 64 ? text : text.substring(0, 64) + "...";
    }
}
