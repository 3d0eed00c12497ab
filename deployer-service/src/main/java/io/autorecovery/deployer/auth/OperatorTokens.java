package io.autorecovery.deployer.auth;

import io.smallrye.config.ConfigMapping;
import java.util.List;
import java.util.Optional;

/**
 * Bearer tokens that may turn the automation switch, each entry {@code person:token} (a bare token
 * acts as "operator"). Without any, the switch can only be read.
 */
@ConfigMapping(prefix = "deployer.auth")
public interface OperatorTokens {

    Optional<List<String>> operatorTokens();
}
