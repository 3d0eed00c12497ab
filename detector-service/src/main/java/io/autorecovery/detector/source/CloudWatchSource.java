package io.autorecovery.detector.source;

import io.autorecovery.detector.DetectorUnavailableException;
import io.autorecovery.detector.config.DetectorConfig;
import io.quarkus.logging.Log;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.time.Clock;
import java.util.List;
import java.util.Random;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.cloudwatchlogs.CloudWatchLogsClient;
import software.amazon.awssdk.services.cloudwatchlogs.CloudWatchLogsClientBuilder;

/**
 * Polls the configured CloudWatch Logs groups on one thread, every poll interval, when {@code
 * detector.cloudwatch.enabled} is true. Credentials come from the SDK's default provider chain
 * (environment, profile, container or instance role), never from configuration.
 */
@ApplicationScoped
public class CloudWatchSource {

    private final DetectorConfig.Cloudwatch config;
    private final CloudWatchCursorStore cursors;
    private final LineSink sink;
    private ScheduledExecutorService scheduler;
    private CloudWatchLogsClient client;

    CloudWatchSource(DetectorConfig config, CloudWatchCursorStore cursors, LineSink sink) {
        this.config = config.cloudwatch();
        this.cursors = cursors;
        this.sink = sink;
    }

    void start(@Observes StartupEvent started) {
        List<String> groups = config.logGroups().orElse(List.of());
        if (!config.enabled()) {
            return;
        }
        if (groups.isEmpty()) {
            Log.warn("CloudWatch Logs source enabled but detector.cloudwatch.log-groups is empty; not started");
            return;
        }
        client = client(config);
        List<LogGroupPoller> pollers = groups.stream()
                .map(SourceEntry::parse)
                .map(group -> poller(group, client, cursors, sink, config))
                .toList();
        scheduler = Executors.newSingleThreadScheduledExecutor(task -> new Thread(task, "cloudwatch-source"));
        long every = config.pollInterval().toMillis();
        scheduler.scheduleWithFixedDelay(() -> pollAll(pollers), 0, every, TimeUnit.MILLISECONDS);
        Log.infof("CloudWatch Logs source started: %d log groups every %s", pollers.size(), config.pollInterval());
    }

    void stop(@Observes ShutdownEvent stopping) {
        if (scheduler != null) {
            scheduler.shutdownNow();
            scheduler = null;
            client.close();
            Log.info("CloudWatch Logs source stopped");
        }
    }

    static CloudWatchLogsClient client(DetectorConfig.Cloudwatch config) {
        CloudWatchLogsClientBuilder builder = CloudWatchLogsClient.builder()
                .httpClientBuilder(UrlConnectionHttpClient.builder())
                .credentialsProvider(DefaultCredentialsProvider.builder().build())
                // Retries are this source's own, with backoff and jitter, so that they are visible.
                .overrideConfiguration(o -> o.retryStrategy(AwsRetryStrategy.doNotRetry()));
        config.region().map(Region::of).ifPresent(builder::region);
        config.endpointOverride().ifPresent(builder::endpointOverride);

        return builder.build();
    }

    static LogGroupPoller poller(
            SourceEntry group,
            CloudWatchLogsClient client,
            CloudWatchCursorStore cursors,
            LineSink sink,
            DetectorConfig.Cloudwatch config) {
        Backoff backoff = new Backoff(config.backoffBase(), config.backoffMax(), new Random());

        return new LogGroupPoller(
                group, client, cursors, sink, backoff, Sleeper.REAL, Clock.systemUTC(), config.initialLookback());
    }

    private static void pollAll(List<LogGroupPoller> pollers) {
        for (LogGroupPoller poller : pollers) {
            try {
                int events = poller.poll();
                Log.debugf("CloudWatch log group %s: %d new events", poller.logGroup(), events);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (DetectorUnavailableException e) {
                Log.warnf("CloudWatch log group %s kept at its cursor: %s", poller.logGroup(), e.getMessage());
            } catch (RuntimeException e) {
                Log.warnf(e, "CloudWatch log group %s not read this time", poller.logGroup());
            }
        }
    }
}
