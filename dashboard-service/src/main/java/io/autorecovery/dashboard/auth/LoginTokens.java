package io.autorecovery.dashboard.auth;

import io.autorecovery.dashboard.DashboardConfig;
import io.quarkus.runtime.StartupEvent;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.interceptor.Interceptor;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The tokens people log in with, from {@code dashboard.auth.viewer-tokens} and {@code
 * operator-tokens} ({@code person:token} entries). Compared in constant time, never logged. The
 * service refuses to start without at least one of each.
 */
@ApplicationScoped
public class LoginTokens {

    static final int MIN_LENGTH = 16;

    private final List<Grant> grants = new ArrayList<>();

    LoginTokens(DashboardConfig config) {
        read(config.auth().viewerTokens().orElse(List.of()), false);
        read(config.auth().operatorTokens().orElse(List.of()), true);
    }

    /** Runs before the channels start, so that a service without tokens serves and reads nothing. */
    void requireTokens(@Observes @Priority(Interceptor.Priority.PLATFORM_BEFORE) StartupEvent started) {
        if (grants.stream().noneMatch(grant -> !grant.person().operator())) {
            throw new IllegalStateException("no viewer token configured: set dashboard.auth.viewer-tokens"
                    + " (DASHBOARD_VIEWER_TOKENS); the dashboard does not run without login tokens");
        }
        if (grants.stream().noneMatch(grant -> grant.person().operator())) {
            throw new IllegalStateException("no operator token configured: set dashboard.auth.operator-tokens"
                    + " (DASHBOARD_OPERATOR_TOKENS); the dashboard does not run without login tokens");
        }
    }

    /** The person a token belongs to. */
    public Optional<Person> personOf(String token) {
        byte[] presented = token.getBytes(StandardCharsets.UTF_8);
        Person found = null;
        for (Grant grant : grants) {
            if (MessageDigest.isEqual(grant.secret(), presented)) {
                found = grant.person();
            }
        }
        return Optional.ofNullable(found);
    }

    private void read(List<String> entries, boolean operator) {
        for (String entry : entries) {
            grants.add(grant(entry.strip(), operator));
        }
    }

    static Grant grant(String entry, boolean operator) {
        int colon = entry.indexOf(':');
        String name = colon > 0 ? entry.substring(0, colon) : operator ? "operator" : "viewer";
        String secret = colon > 0 ? entry.substring(colon + 1) : entry;
        if (secret.length() < MIN_LENGTH) {
            throw new IllegalStateException("a dashboard login token of " + name + " is shorter than " + MIN_LENGTH
                    + " characters; generate a longer one");
        }
        return new Grant(secret.getBytes(StandardCharsets.UTF_8), new Person(name, operator));
    }

    record Grant(byte[] secret, Person person) {}
}
