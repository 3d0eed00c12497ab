package io.autorecovery.incident.auth;

import io.smallrye.config.ConfigMapping;
import java.util.List;
import java.util.Optional;

/**
 * The bearer tokens of the incident API, each entry {@code person:token} (or a bare token, acting
 * as "operator" or "viewer"). Viewers read; operators read and act.
 */
@ConfigMapping(prefix = "incident.auth")
public interface ApiTokens {

    Optional<List<String>> viewerTokens();

    Optional<List<String>> operatorTokens();
}
