package io.autorecovery.dashboard.auth;

import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.HttpMethod;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.Cookie;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.Map;
import java.util.Optional;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;

/**
 * Guards the event stream and the JSON API: a session cookie (browsers) or a bearer token (API
 * clients) must name a person; only operators may change anything. The page itself, the login and
 * {@code /q} stay open.
 */
class AccessFilter {

    private final Credentials credentials;

    AccessFilter(Credentials credentials) {
        this.credentials = credentials;
    }

    @ServerRequestFilter
    Uni<Response> authenticate(ContainerRequestContext request) {
        if (!isGuarded(request.getUriInfo().getPath())) {
            return Uni.createFrom().nullItem();
        }
        return personOf(request).map(person -> {
            if (person.isEmpty()) {
                return denied(Response.Status.UNAUTHORIZED, Credentials.UNAUTHORISED);
            }
            if (!reads(request) && !person.get().operator()) {
                return denied(Response.Status.FORBIDDEN, "only operators may act");
            }
            request.setProperty(Person.PROPERTY, person.get());
            return null;
        });
    }

    private Uni<Optional<Person>> personOf(ContainerRequestContext request) {
        Cookie cookie = request.getCookies().get(SessionCookie.NAME);

        return credentials.personOf(
                request.getHeaderString(HttpHeaders.AUTHORIZATION), cookie == null ? null : cookie.getValue());
    }

    /** The event stream itself is a Vert.x route that checks with the same {@link Credentials}. */
    static boolean isGuarded(String path) {
        return path.equals("/stream") || path.startsWith("/stream/") || path.startsWith("/api/");
    }

    private static boolean reads(ContainerRequestContext request) {
        String method = request.getMethod();
        return HttpMethod.GET.equals(method) || HttpMethod.HEAD.equals(method);
    }

    static Response denied(Response.Status status, String detail) {
        Response.ResponseBuilder response = Response.status(status)
                .type(MediaType.APPLICATION_JSON_TYPE)
                .entity(Map.of("status", status.getStatusCode(), "error", detail));
        if (status == Response.Status.UNAUTHORIZED) {
            response.header(HttpHeaders.WWW_AUTHENTICATE, Credentials.CHALLENGE);
        }
        return response.build();
    }
}
