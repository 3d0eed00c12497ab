package io.autorecovery.dashboard.auth;

import jakarta.ws.rs.core.NewCookie;
import java.time.Duration;

/** The cookie that carries the session id: HttpOnly, SameSite=Strict, scoped to the whole site. */
final class SessionCookie {

    static final String NAME = "mesh_session";

    private SessionCookie() {}

    static NewCookie of(String sessionId, Duration lifetime, boolean secure) {
        return new NewCookie.Builder(NAME)
                .value(sessionId)
                .path("/")
                .httpOnly(true)
                .secure(secure)
                .sameSite(NewCookie.SameSite.STRICT)
                .maxAge((int) lifetime.toSeconds())
                .build();
    }

    /** A cookie that makes the browser forget the session. */
    static NewCookie expired(boolean secure) {
        return new NewCookie.Builder(NAME)
                .value("")
                .path("/")
                .httpOnly(true)
                .secure(secure)
                .sameSite(NewCookie.SameSite.STRICT)
                .maxAge(0)
                .build();
    }
}
