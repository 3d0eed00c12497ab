package io.autorecovery.detector.ingest;

import io.autorecovery.detector.config.DetectorConfig;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponseBuilder;
import org.eclipse.microprofile.health.Readiness;

/** Ready when the reader of {@code logs.raw} is connected and reading, or turned off. */
@Readiness
@ApplicationScoped
public class LogsRawHealthCheck implements HealthCheck {

    static final String NAME = "logs.raw reader";

    private final LogsRawReader reader;
    private final DetectorConfig.LogsRaw settings;

    LogsRawHealthCheck(LogsRawReader reader, DetectorConfig config) {
        this.reader = reader;
        this.settings = config.logsRaw();
    }

    @Override
    public HealthCheckResponse call() {
        String problem = reader.problem();
        HealthCheckResponseBuilder response = HealthCheckResponse.named(NAME)
                .status(problem == null)
                .withData("enabled", settings.enabled())
                .withData("topic", settings.topic())
                .withData("group", settings.groupId());
        if (problem != null) {
            response.withData("problem", problem);
        }
        return response.build();
    }
}
