package io.autorecovery.dashboard.auth;

import io.autorecovery.dashboard.DashboardConfig;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.CookieParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** Ends the session in Redis and makes the browser forget its cookie. */
@Path("/logout")
@Tag(name = "Login")
public class LogoutResource {

    private final Sessions sessions;
    private final boolean secureCookie;

    LogoutResource(Sessions sessions, DashboardConfig config) {
        this.sessions = sessions;
        this.secureCookie = config.auth().secureCookie();
    }

    @POST
    public Uni<Response> logout(@CookieParam(SessionCookie.NAME) String sessionId) {
        return sessions.close(sessionId)
                .map(done -> Response.noContent()
                        .cookie(SessionCookie.expired(secureCookie))
                        .build());
    }
}
