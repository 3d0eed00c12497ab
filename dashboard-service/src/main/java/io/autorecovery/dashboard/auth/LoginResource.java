package io.autorecovery.dashboard.auth;

import io.autorecovery.dashboard.DashboardConfig;
import io.quarkus.logging.Log;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
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
    private final boolean secureCookie;

    LoginResource(LoginTokens tokens, Sessions sessions, DashboardConfig config) {
        this.tokens = tokens;
        this.sessions = sessions;
        this.secureCookie = config.auth().secureCookie();
    }

    /** Exchanges a token for a session cookie; the token itself is never stored nor sent back. */
    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    public Uni<Response> login(Login login) {
        Optional<Person> person = login == null || login.token() == null
                ? Optional.empty()
                : tokens.personOf(login.token().strip());
        if (person.isEmpty()) {
            Log.info("refused a dashboard login with an unknown token");
            return Uni.createFrom().item(AccessFilter.denied(Response.Status.UNAUTHORIZED, "unknown token"));
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

    static Map<String, Object> describe(Person person) {
        return Map.of("name", person.name(), "role", person.role(), "operator", person.operator());
    }
}
