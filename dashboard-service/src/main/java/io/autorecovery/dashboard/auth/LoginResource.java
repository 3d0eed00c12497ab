package io.autorecovery.dashboard.auth;

import io.autorecovery.dashboard.DashboardConfig;
import io.quarkus.logging.Log;
import io.smallrye.mutiny.Uni;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.net.SocketAddress;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** Logging in with a token: a session cookie for a known token. */
@Path("/login")
@Tag(name = "Login")
public class LoginResource {

    /** What the login form sends. */
    public record Login(String token) {}

    private final LoginTokens tokens;
    private final Sessions sessions;
    private final LoginThrottle throttle;
    private final boolean secureCookie;

    LoginResource(LoginTokens tokens, Sessions sessions, LoginThrottle throttle, DashboardConfig config) {
        this.tokens = tokens;
        this.sessions = sessions;
        this.throttle = throttle;
        this.secureCookie = config.auth().secureCookie();
    }

    /**
     * Exchanges a token for a session cookie; the token itself is never stored nor sent back. An
     * address that failed too often in a while gets 429 until its window ends, even with a good
     * token, so that guessing gains nothing from a lucky try.
     */
    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    public Uni<Response> login(Login login, @Context HttpServerRequest request) {
        String address = clientAddress(request);

        return throttle.waitFor(address).flatMap(wait -> {
            if (!wait.isZero()) {
                Log.infof("refused a dashboard login from %s: too many failed logins", address);
                return Uni.createFrom().item(tooMany(wait));
            }
            return attempt(login, address);
        });
    }

    private Uni<Response> attempt(Login login, String address) {
        Optional<Person> person = login == null || login.token() == null
                ? Optional.empty()
                : tokens.personOf(login.token().strip());
        if (person.isEmpty()) {
            Log.infof("refused a dashboard login with an unknown token from %s", address);
            return throttle.failed(address)
                    .replaceWith(AccessFilter.denied(Response.Status.UNAUTHORIZED, "unknown token"));
        }

        return sessions.open(person.get()).map(id -> {
            Log.infof(
                    "%s logged in to the dashboard as %s",
                    person.get().name(), person.get().role());
            return Response.ok(describe(person.get()))
                    .cookie(SessionCookie.of(id, sessions.timeout(), secureCookie))
                    .build();
        });
    }

    private static Response tooMany(Duration wait) {
        long seconds = Math.max(1, (wait.toMillis() + 999) / 1000);

        return Response.status(Response.Status.TOO_MANY_REQUESTS)
                .type(MediaType.APPLICATION_JSON_TYPE)
                .header(HttpHeaders.RETRY_AFTER, seconds)
                .entity(Map.of(
                        "status",
                        Response.Status.TOO_MANY_REQUESTS.getStatusCode(),
                        "error",
                        "too many failed logins; try again in " + seconds + " s"))
                .build();
    }

    private static String clientAddress(HttpServerRequest request) {
        SocketAddress remote = request.remoteAddress();

        return remote == null || remote.hostAddress() == null ? "unknown" : remote.hostAddress();
    }

    static Map<String, Object> describe(Person person) {
        return Map.of("name", person.name(), "role", person.role(), "operator", person.operator());
    }
}
