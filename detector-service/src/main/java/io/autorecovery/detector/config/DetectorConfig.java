package io.autorecovery.detector.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import java.time.Duration;

/** Settings of the detector, under the {@code detector.} prefix. */
@ConfigMapping(prefix = "detector")
public interface DetectorConfig {

    /** How long a fingerprint must stay quiet before its return counts as a regression. */
    @WithDefault("10M")
    Duration cooldown();

    /** How long a fingerprint's record is kept after its last occurrence. */
    @WithDefault("P30D")
    Duration retention();

    /** Longest wait for the broker to acknowledge a {@code faults.detected} event. */
    @WithDefault("10S")
    Duration publishTimeout();

    Breadcrumbs breadcrumbs();

    Samples samples();

    Templates templates();

    /** Bounds on the templates learned and kept in memory. */
    interface Templates {

        /** Templates kept per service; the least recently matched is evicted beyond. */
        @WithDefault("2000")
        @Min(10)
        @Max(1_000_000)
        int maxPerService();

        /** Services whose templates are kept in memory; the least recently seen is dropped. */
        @WithDefault("1000")
        @Min(1)
        @Max(100_000)
        int maxServices();
    }

    /** The non-error lines kept per service and attached to the next fault of that service. */
    interface Breadcrumbs {

        @WithDefault("5")
        @Min(0)
        @Max(100)
        int count();
    }

    /** The raw occurrences kept per fingerprint and carried in its events. */
    interface Samples {

        @WithDefault("5")
        @Min(1)
        @Max(50)
        int maxCount();

        /** Longest sample in characters, truncation marker included. */
        @WithDefault("2000")
        @Min(100)
        @Max(100_000)
        int maxLength();
    }
}
