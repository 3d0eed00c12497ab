package io.autorecovery.deployer;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import io.smallrye.config.WithName;

/** The rails the gate holds every automatic deploy to. */
@ConfigMapping(prefix = "deployer")
public interface DeployPolicy {

    /** While paused, the gate lets no automatic deploy through. */
    @WithDefault("false")
    boolean paused();

    Budget budget();

    interface Budget {

        @WithName("per-service-per-hour")
        @WithDefault("30")
        int perServicePerHour();
    }
}
