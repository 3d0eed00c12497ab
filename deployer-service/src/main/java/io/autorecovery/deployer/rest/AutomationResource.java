package io.autorecovery.deployer.rest;

import io.autorecovery.deployer.AutomationState;
import io.autorecovery.deployer.AutomationSwitch;
import io.autorecovery.deployer.DeployGate;
import io.autorecovery.deployer.auth.Operators;
import jakarta.transaction.Transactional;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.Map;
import java.util.Optional;

/**
 * The pause switch of automatic deploys. Anyone may read it; turning it takes an operator's bearer
 * token. Resuming releases the patches that waited only for the pause.
 */
@Path("/automation")
@Produces(MediaType.APPLICATION_JSON)
public class AutomationResource {

    private static final String SCHEME = "Bearer ";
    private static final String PROBLEM = "application/problem+json";

    /** The requested position of the switch, who asked for it (when relayed), and why. */
    public record Change(
            @NotNull Boolean paused,
            @Size(max = 200) String onBehalfOf,
            @Size(max = 2000) String reason) {}

    private final AutomationSwitch automation;
    private final DeployGate gate;
    private final Operators operators;

    AutomationResource(AutomationSwitch automation, DeployGate gate, Operators operators) {
        this.automation = automation;
        this.gate = gate;
        this.operators = operators;
    }

    @GET
    @Transactional
    public AutomationState state() {
        return automation.state();
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Transactional
    public Response turn(@HeaderParam(HttpHeaders.AUTHORIZATION) String authorization, @Valid @NotNull Change change) {
        if (!operators.anyConfigured()) {
            return problem(Response.Status.SERVICE_UNAVAILABLE, "no operator token is configured")
                    .build();
        }
        Optional<String> operator = operator(authorization);
        if (operator.isEmpty()) {
            return problem(Response.Status.UNAUTHORIZED, "an operator bearer token is required")
                    .header(HttpHeaders.WWW_AUTHENTICATE, "Bearer realm=\"deployer-service\"")
                    .build();
        }
        String person = change.onBehalfOf() == null || change.onBehalfOf().isBlank()
                ? operator.get()
                : change.onBehalfOf().strip() + " (via " + operator.get() + ")";
        String reason = change.reason() == null ? "" : change.reason().strip();

        return Response.ok(gate.turnAutomation(change.paused(), person, reason)).build();
    }

    private Optional<String> operator(String authorization) {
        if (authorization == null || !authorization.regionMatches(true, 0, SCHEME, 0, SCHEME.length())) {
            return Optional.empty();
        }
        return operators.personOf(authorization.substring(SCHEME.length()).strip());
    }

    private static Response.ResponseBuilder problem(Response.Status status, String detail) {
        return Response.status(status)
                .type(PROBLEM)
                .entity(Map.of("status", status.getStatusCode(), "title", status.getReasonPhrase(), "detail", detail));
    }
}
