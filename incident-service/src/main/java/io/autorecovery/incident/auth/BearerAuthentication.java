package io.autorecovery.incident.auth;

import io.autorecovery.incident.rest.Problem;
import jakarta.ws.rs.HttpMethod;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.Response.Status;
import java.util.Optional;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;

/**
 * Guards {@code /incidents}: any known token may read, only an operator token may act. Health,
 * metrics and the OpenAPI document under {@code /q} stay open.
 */
class BearerAuthentication {

    private static final String SCHEME = "Bearer ";

    private final TokenRegistry registry;

    BearerAuthentication(TokenRegistry registry) {
        this.registry = registry;
    }

    @ServerRequestFilter
    Optional<Response> authenticate(ContainerRequestContext request) {
        if (!request.getUriInfo().getPath().startsWith("/incidents")) {
            return Optional.empty();
        }
        String header = request.getHeaderString(HttpHeaders.AUTHORIZATION);
        if (header == null || !header.regionMatches(true, 0, SCHEME, 0, SCHEME.length())) {
            return Optional.of(unauthorized("a bearer token is required"));
        }
        Optional<Caller> caller =
                registry.callerOf(header.substring(SCHEME.length()).strip());
        if (caller.isEmpty()) {
            return Optional.of(unauthorized("the bearer token is not valid"));
        }
        if (!reads(request) && !caller.get().operator()) {
            return Optional.of(Problem.of(Status.FORBIDDEN, "acting on incidents takes an operator token")
                    .toResponse());
        }

        request.setProperty(Caller.PROPERTY, caller.get());
        return Optional.empty();
    }

    private static boolean reads(ContainerRequestContext request) {
        String method = request.getMethod();
        return HttpMethod.GET.equals(method) || HttpMethod.HEAD.equals(method);
    }

    private static Response unauthorized(String detail) {
        return Response.fromResponse(Problem.of(Status.UNAUTHORIZED, detail).toResponse())
                .header(HttpHeaders.WWW_AUTHENTICATE, "Bearer realm=\"incident-service\"")
                .build();
    }
}
