package io.autorecovery.detector.source;

import io.autorecovery.contracts.Topics;
import io.autorecovery.detector.source.CloudWatchLogsStub.Event;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import io.smallrye.reactive.messaging.memory.InMemoryConnector;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.UUID;

/**
 * Starts the detector with both sources switched on: a log group served by a local stand-in of
 * CloudWatch Logs, and a file in a temporary directory; Kafka channels in memory.
 */
public class SourcesResource implements QuarkusTestResourceLifecycleManager {

    static final String CLOUD_SERVICE = "billing-" + UUID.randomUUID();
    static final String FILE_SERVICE = "catalog-" + UUID.randomUUID();
    static final String LOG_GROUP = "/ecs/billing-" + UUID.randomUUID();
    static final long START = System.currentTimeMillis();
    static Path file;

    private CloudWatchLogsStub stub;

    @Override
    public Map<String, String> start() {
        try {
            stub = new CloudWatchLogsStub(10);
            file = Files.createTempDirectory("sources").resolve("catalog.log");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        stub.add(
                LOG_GROUP,
                new Event("billing/api/1", START, "f1", "INFO charging invoice 77"),
                new Event("billing/api/1", START + 1, "f2", "ERROR Payment provider answered 503 after 1200 ms"),
                new Event(
                        "billing/api/1",
                        START + 1,
                        "f3",
                        "\tat io.shop.billing.PaymentClient.charge(PaymentClient.java:88)"));
        // The default credentials chain reads these; the stand-in does not check signatures.
        System.setProperty("aws.accessKeyId", "test-access-key");
        System.setProperty("aws.secretAccessKey", "test-secret-key");

        return Map.ofEntries(
                Map.entry("detector.logs-raw.enabled", "false"),
                Map.entry(
                        "mp.messaging.outgoing.\"" + Topics.FAULTS_DETECTED + "\".connector",
                        InMemoryConnector.CONNECTOR),
                Map.entry("detector.cloudwatch.enabled", "true"),
                Map.entry("detector.cloudwatch.log-groups", LOG_GROUP + "=" + CLOUD_SERVICE),
                Map.entry("detector.cloudwatch.region", "eu-west-1"),
                Map.entry(
                        "detector.cloudwatch.endpoint-override", stub.endpoint().toString()),
                Map.entry("detector.cloudwatch.poll-interval", "200MS"),
                Map.entry("detector.files", file + "=" + FILE_SERVICE),
                Map.entry("detector.file-tail.poll-interval", "200MS"));
    }

    @Override
    public void stop() {
        stub.close();
        InMemoryConnector.clear();
        System.clearProperty("aws.accessKeyId");
        System.clearProperty("aws.secretAccessKey");
    }
}
