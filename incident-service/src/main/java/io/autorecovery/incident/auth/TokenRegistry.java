package io.autorecovery.incident.auth;

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
 * Resolves a bearer token to its caller. Tokens are compared in constant time and never logged. The
 * service refuses to start without at least one viewer and one operator token.
 */
@ApplicationScoped
public class TokenRegistry {

    static final int MIN_LENGTH = 16;

    private final List<Grant> grants = new ArrayList<>();

    TokenRegistry(ApiTokens tokens) {
        read(tokens.viewerTokens().orElse(List.of()), false, "viewer");
        read(tokens.operatorTokens().orElse(List.of()), true, "operator");
    }

    /** Runs before the messaging channels start, so a misconfigured service consumes nothing. */
    void requireTokens(@Observes @Priority(Interceptor.Priority.PLATFORM_BEFORE) StartupEvent started) {
        check(grants);
    }

    /** Fails with a message that names the setting to fix. */
    static void check(List<Grant> grants) {
        if (grants.stream().noneMatch(grant -> !grant.caller().operator())) {
            throw new IllegalStateException("no viewer token configured: set incident.auth.viewer-tokens"
                    + " (INCIDENT_VIEWER_TOKENS); the incident API does not run without tokens");
        }
        if (grants.stream().noneMatch(grant -> grant.caller().operator())) {
            throw new IllegalStateException("no operator token configured: set incident.auth.operator-tokens"
                    + " (INCIDENT_OPERATOR_TOKENS); the incident API does not run without tokens");
        }
    }

    public Optional<Caller> callerOf(String token) {
        byte[] presented = token.getBytes(StandardCharsets.UTF_8);
        Caller found = null;
        for (Grant grant : grants) {
            if (MessageDigest.isEqual(grant.secret(), presented)) {
                found = grant.caller();
            }
        }
        return Optional.ofNullable(found);
    }

    private void read(List<String> entries, boolean operator, String defaultName) {
        for (String entry : entries) {
            grants.add(grant(entry.strip(), operator, defaultName));
        }
    }

    static Grant grant(String entry, boolean operator, String defaultName) {
        int colon = entry.indexOf(':');
        String name = colon > 0 ? entry.substring(0, colon) : defaultName;
        String secret = colon > 0 ? entry.substring(colon + 1) : entry;
        if (secret.length() < MIN_LENGTH) {
            throw new IllegalStateException("an incident API token of " + name + " is shorter than " + MIN_LENGTH
                    + " characters; generate a longer one");
        }
        return new Grant(secret.getBytes(StandardCharsets.UTF_8), new Caller(name, operator));
    }

    record Grant(byte[] secret, Caller caller) {}
}
