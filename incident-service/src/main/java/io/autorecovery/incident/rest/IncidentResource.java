package io.autorecovery.incident.rest;

import io.autorecovery.contracts.IncidentAction;
import io.autorecovery.contracts.IncidentStatus;
import io.autorecovery.contracts.Severity;
import io.autorecovery.incident.Incident;
import io.autorecovery.incident.IncidentActions;
import io.autorecovery.incident.IncidentPage;
import io.autorecovery.incident.IncidentQuery;
import io.autorecovery.incident.IncidentRepository;
import io.autorecovery.incident.IncidentSort;
import io.autorecovery.incident.PageCursor;
import io.autorecovery.incident.TimelineEntry;
import io.autorecovery.incident.UnknownIncidentException;
import io.autorecovery.incident.auth.Caller;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.transaction.Transactional;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.Response.Status;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;

/** Incidents for people: search them, read one with its timeline, and act on it. */
@Path("/incidents")
@Produces(MediaType.APPLICATION_JSON)
@SecurityRequirement(name = IncidentApi.BEARER)
@APIResponse(responseCode = "400", description = "invalid filter, sort, cursor or body (problem details)")
@APIResponse(responseCode = "401", description = "no valid bearer token (problem details)")
public class IncidentResource {

    static final int MAX_PAGE = 200;
    /** Texts the store can hold: PostgreSQL text has no NUL character. */
    private static final String STORABLE = "[^\\x00]*";

    private static final String NUL = "must not contain NUL characters";
    private static final int MAX_TEXT = 200;

    private final IncidentRepository repository;
    private final IncidentActions actions;

    IncidentResource(IncidentRepository repository, IncidentActions actions) {
        this.repository = repository;
        this.actions = actions;
    }

    @GET
    @Transactional
    @Operation(summary = "Search incidents", description = "Filters combine with AND. Pages follow nextCursor.")
    public IncidentPage search(
            @Parameter(description = "status, repeatable") @QueryParam("status") List<String> statuses,
            @QueryParam("service") String service,
            @Parameter(description = "LOW, MEDIUM, HIGH or CRITICAL") @QueryParam("severity") String severity,
            @Parameter(description = "opened at or after, ISO-8601 instant") @QueryParam("from") String from,
            @Parameter(description = "opened before, ISO-8601 instant") @QueryParam("to") String to,
            @Parameter(description = "text in title, service or fingerprint") @QueryParam("q") String text,
            @Parameter(
                            description = "-createdAt (default), createdAt, -lastSeen, lastSeen, -occurrences,"
                                    + " occurrences")
                    @QueryParam("sort")
                    String sort,
            @Parameter(description = "nextCursor of the previous page") @QueryParam("cursor") String cursor,
            @Parameter(description = "page size, 1 to 200 (default 50)") @QueryParam("limit") String limit) {
        IncidentSort order = sort(sort);
        Instant openedFrom = instant("from", from);
        Instant openedTo = instant("to", to);
        if (openedFrom != null && openedTo != null && !openedFrom.isBefore(openedTo)) {
            throw new InvalidRequestException("from must be before to");
        }
        IncidentQuery query = new IncidentQuery(
                statuses(statuses),
                bounded("service", service),
                severity(severity),
                openedFrom,
                openedTo,
                bounded("q", text),
                order,
                cursor(cursor, order),
                limit(limit));

        return repository.search(query);
    }

    @GET
    @Path("/{id}")
    @Transactional
    @Operation(summary = "One incident with its whole timeline")
    @APIResponse(responseCode = "404", description = "no such incident (problem details)")
    public IncidentView byId(@PathParam("id") UUID id) {
        Incident incident = repository.findById(id).orElseThrow(() -> new UnknownIncidentException(id));

        return new IncidentView(incident, repository.timeline(id));
    }

    @POST
    @Path("/{id}/acknowledge")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Acknowledge: a person is looking at it")
    @APIResponse(responseCode = "409", description = "the incident's state refuses the action")
    public Response acknowledge(
            @PathParam("id") UUID id, @Valid Comment body, @Context ContainerRequestContext request) {
        return act(id, IncidentAction.ACKNOWLEDGED, body == null ? null : body.comment(), request);
    }

    @POST
    @Path("/{id}/approve")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Approve the patch awaiting approval; the deployer's gate releases it")
    @APIResponse(responseCode = "409", description = "no patch awaits approval")
    public Response approve(@PathParam("id") UUID id, @Valid Comment body, @Context ContainerRequestContext request) {
        return act(id, IncidentAction.APPROVED, body == null ? null : body.comment(), request);
    }

    @POST
    @Path("/{id}/reject")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Reject the patch awaiting approval; the incident then needs a person")
    @APIResponse(responseCode = "409", description = "no patch awaits approval")
    public Response reject(
            @PathParam("id") UUID id, @Valid @NotNull Reason body, @Context ContainerRequestContext request) {
        return act(id, IncidentAction.REJECTED, body.reason(), request);
    }

    @POST
    @Path("/{id}/resolve")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Resolve by hand, with a reason")
    @APIResponse(responseCode = "409", description = "the incident is resolved already")
    public Response resolve(
            @PathParam("id") UUID id, @Valid @NotNull Reason body, @Context ContainerRequestContext request) {
        return act(id, IncidentAction.RESOLVED, body.reason(), request);
    }

    @POST
    @Path("/{id}/reopen")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Reopen a resolved or failed incident, with a reason")
    @APIResponse(responseCode = "409", description = "the incident cannot be reopened from its status")
    public Response reopen(
            @PathParam("id") UUID id, @Valid @NotNull Reason body, @Context ContainerRequestContext request) {
        return act(id, IncidentAction.REOPENED, body.reason(), request);
    }

    @POST
    @Path("/{id}/notes")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Add a note to the timeline")
    public Response note(
            @PathParam("id") UUID id, @Valid @NotNull Note body, @Context ContainerRequestContext request) {
        return act(id, IncidentAction.NOTE, body.text(), request);
    }

    private Response act(UUID id, IncidentAction action, String text, ContainerRequestContext request) {
        Caller caller = (Caller) request.getProperty(Caller.PROPERTY);
        Optional<String> refusal =
                QuarkusTransaction.requiringNew().call(() -> actions.apply(id, action, caller.name(), text));
        if (refusal.isPresent()) {
            return Problem.of(Status.CONFLICT, refusal.get()).toResponse();
        }

        return Response.ok(QuarkusTransaction.requiringNew().call(() -> byId(id)))
                .build();
    }

    private static List<IncidentStatus> statuses(List<String> names) {
        List<IncidentStatus> statuses = new ArrayList<>();
        for (String name : names == null ? List.<String>of() : names) {
            statuses.add(constant(IncidentStatus.class, "status", name));
        }
        return statuses;
    }

    private static Severity severity(String name) {
        return name == null ? null : constant(Severity.class, "severity", name);
    }

    private static <E extends Enum<E>> E constant(Class<E> type, String field, String name) {
        try {
            return Enum.valueOf(type, name.strip().toUpperCase(java.util.Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new InvalidRequestException(field + " must be one of " + List.of(type.getEnumConstants()));
        }
    }

    private static Instant instant(String field, String value) {
        if (value == null) {
            return null;
        }
        Instant instant;
        try {
            instant = Instant.parse(bounded(field, value));
        } catch (DateTimeParseException e) {
            throw new InvalidRequestException(field + " must be an ISO-8601 instant such as 2026-12-01T00:00:00Z");
        }
        if (!IncidentQuery.storable(instant)) {
            throw new InvalidRequestException(field + " must lie between the years 1 and 9999");
        }
        return instant;
    }

    private static String bounded(String field, String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        if (value.length() > MAX_TEXT) {
            throw new InvalidRequestException(field + " is longer than " + MAX_TEXT + " characters");
        }
        if (value.chars().anyMatch(Character::isISOControl)) {
            throw new InvalidRequestException(field + " must not contain control characters");
        }
        return value.strip();
    }

    private static IncidentSort sort(String value) {
        if (value == null || value.isBlank()) {
            return IncidentSort.NEWEST;
        }
        return IncidentSort.ofParameter(value.strip())
                .orElseThrow(() -> new InvalidRequestException("sort must be one of " + IncidentSort.parameters()));
    }

    private static PageCursor cursor(String token, IncidentSort sort) {
        if (token == null || token.isBlank()) {
            return null;
        }
        try {
            return PageCursor.decode(token.strip(), sort);
        } catch (IllegalArgumentException e) {
            throw new InvalidRequestException(e.getMessage());
        }
    }

    private static int limit(String value) {
        if (value == null || value.isBlank()) {
            return 50;
        }
        try {
            int limit = Integer.parseInt(value.strip());
            if (limit >= 1 && limit <= MAX_PAGE) {
                return limit;
            }
        } catch (NumberFormatException e) {
            // answered below, like any other out-of-range value
        }
        throw new InvalidRequestException("limit must be a whole number from 1 to " + MAX_PAGE);
    }

    /** An incident with its whole timeline. */
    public record IncidentView(Incident incident, List<TimelineEntry> timeline) {}

    /** An optional comment on an acknowledgement or approval. */
    public record Comment(
            @Size(max = 2000) @Pattern(regexp = STORABLE, message = NUL)
            String comment) {}

    /** Why a person rejects, resolves or reopens. */
    public record Reason(
            @NotBlank @Size(max = 2000) @Pattern(regexp = STORABLE, message = NUL)
            String reason) {}

    /** A note for the timeline. */
    public record Note(
            @NotBlank @Size(max = 2000) @Pattern(regexp = STORABLE, message = NUL)
            String text) {}
}
