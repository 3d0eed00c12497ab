package io.autorecovery.detector.source;

import io.autorecovery.detector.config.DetectorConfig;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/** CloudWatch settings for a test: a local endpoint and short waits. */
record CloudWatchSettings(List<String> groups, URI endpoint) implements DetectorConfig.Cloudwatch {

    @Override
    public boolean enabled() {
        return true;
    }

    @Override
    public Optional<List<String>> logGroups() {
        return Optional.of(groups);
    }

    @Override
    public Optional<String> region() {
        return Optional.of("eu-west-1");
    }

    @Override
    public Optional<URI> endpointOverride() {
        return Optional.of(endpoint);
    }

    @Override
    public Duration pollInterval() {
        return Duration.ofSeconds(1);
    }

    @Override
    public Duration initialLookback() {
        return Duration.ofDays(3650);
    }

    @Override
    public Duration backoffBase() {
        return Duration.ofMillis(100);
    }

    @Override
    public Duration backoffMax() {
        return Duration.ofSeconds(2);
    }
}
