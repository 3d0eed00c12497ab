package io.autorecovery.patch;

import io.autorecovery.contracts.FaultClass;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import io.smallrye.config.WithName;
import java.util.Optional;
import java.util.Set;

/** The safety rails a patch must pass before it is proposed. */
@ConfigMapping(prefix = "patch")
public interface PatchPolicy {

    Budget budget();

    /** Fault classes (by code) whose patches wait for a person's approval. */
    @WithName("approval-required-for")
    Optional<Set<String>> approvalRequiredFor();

    default boolean approvalRequired(FaultClass faultClass) {
        return approvalRequiredFor()
                .map(codes -> codes.contains(faultClass.code()))
                .orElse(false);
    }

    interface Budget {

        @WithName("per-service-per-hour")
        @WithDefault("30")
        int perServicePerHour();
    }
}
