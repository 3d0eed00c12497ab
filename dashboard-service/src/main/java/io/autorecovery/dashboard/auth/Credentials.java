package io.autorecovery.dashboard.auth;

import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Optional;

/**
 * Finds the person behind a request: a bearer token (API clients) or a session cookie (browsers).
 * Shared by the JSON API's filter and the event stream's route.
 */
@ApplicationScoped
public class Credentials {

    /** Name of the cookie that carries the session id. */
    public static final String SESSION_COOKIE = SessionCookie.NAME;

    /** The {@code WWW-Authenticate} challenge of a 401. */
    public static final String CHALLENGE = "Bearer realm=\"dashboard\"";

    /** What a 401 tells the client. */
    public static final String UNAUTHORISED = "log in first, or send a bearer token";

    static final String SCHEME = "Bearer ";

    private final LoginTokens tokens;
    private final Sessions sessions;

    Credentials(LoginTokens tokens, Sessions sessions) {
        this.tokens = tokens;
        this.sessions = sessions;
    }

    /**
     * The person named by the {@code Authorization} header when it holds a bearer token, else by
     * the session id; empty when neither names one.
     */
    public Uni<Optional<Person>> personOf(String authorization, String sessionId) {
        if (authorization != null && authorization.regionMatches(true, 0, SCHEME, 0, SCHEME.length())) {
            return Uni.createFrom()
                    .item(tokens.personOf(
                            authorization.substring(SCHEME.length()).strip()));
        }
        return sessions.find(sessionId);
    }
}
