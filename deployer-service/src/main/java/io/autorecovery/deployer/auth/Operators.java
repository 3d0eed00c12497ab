package io.autorecovery.deployer.auth;

import io.quarkus.logging.Log;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Resolves an operator's bearer token to the person's name; tokens compare in constant time. */
@ApplicationScoped
public class Operators {

    static final int MIN_LENGTH = 16;

    private final List<Grant> grants = new ArrayList<>();

    Operators(OperatorTokens tokens) {
        for (String entry : tokens.operatorTokens().orElse(List.of())) {
            grants.add(grant(entry.strip()));
        }
    }

    void announce(@Observes StartupEvent started) {
        if (grants.isEmpty()) {
            Log.warn("no operator token configured (deployer.auth.operator-tokens,"
                    + " DEPLOYER_OPERATOR_TOKENS): the automation switch cannot be turned through the API");
        }
    }

    public boolean anyConfigured() {
        return !grants.isEmpty();
    }

    /** The person the token belongs to, if it is an operator token. */
    public Optional<String> personOf(String token) {
        byte[] presented = token.getBytes(StandardCharsets.UTF_8);
        String found = null;
        for (Grant grant : grants) {
            if (MessageDigest.isEqual(grant.secret(), presented)) {
                found = grant.person();
            }
        }
        return Optional.ofNullable(found);
    }

    static Grant grant(String entry) {
        int colon = entry.indexOf(':');
        String person = colon > 0 ? entry.substring(0, colon) : "operator";
        String secret = colon > 0 ? entry.substring(colon + 1) : entry;
        if (secret.length() < MIN_LENGTH) {
            throw new IllegalStateException("the deployer operator token of " + person + " is shorter than "
                    + MIN_LENGTH + " characters; generate a longer one");
        }
        return new Grant(secret.getBytes(StandardCharsets.UTF_8), person);
    }

    record Grant(byte[] secret, String person) {}
}
