package io.autorecovery.detector.source;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.autorecovery.detector.DetectorUnavailableException;
import io.autorecovery.detector.source.CloudWatchLogsStub.Event;
import io.autorecovery.detector.source.CloudWatchLogsStub.Failure;
import io.autorecovery.detector.source.CloudWatchLogsStub.Request;
import io.autorecovery.detector.source.RecordingSink.Delivery;
import io.autorecovery.detector.support.InMemoryChannels;
import io.quarkus.redis.datasource.RedisDataSource;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.cloudwatchlogs.CloudWatchLogsClient;

/**
 * The CloudWatch Logs source with the real AWS SDK against a local stand-in of the API, and its
 * cursors in the real Redis.
 */
@QuarkusTest
@WithTestResource(value = InMemoryChannels.class, scope = TestResourceScope.MATCHING_RESOURCES)
class CloudWatchSourceTest {

    private static final long T = 1_780_000_000_000L;

    @Inject
    CloudWatchCursorStore cursors;

    @Inject
    RedisDataSource redis;

    private final List<String> groups = new ArrayList<>();
    private final List<Duration> sleeps = new ArrayList<>();
    private final RecordingSink sink = new RecordingSink();
    private CloudWatchLogsStub stub;
    private CloudWatchLogsClient client;

    @BeforeAll
    static void credentials() {
        // The default provider chain reads these; the stand-in does not check signatures.
        System.setProperty("aws.accessKeyId", "test-access-key");
        System.setProperty("aws.secretAccessKey", "test-secret-key");
    }

    @AfterAll
    static void forgetCredentials() {
        System.clearProperty("aws.accessKeyId");
        System.clearProperty("aws.secretAccessKey");
    }

    @BeforeEach
    void startStub() throws Exception {
        stub = new CloudWatchLogsStub(2);
    }

    @AfterEach
    void stop() {
        if (client != null) {
            client.close();
        }
        stub.close();
        groups.forEach(group -> redis.key().del(CloudWatchCursorStore.key(group)));
    }

    @Test
    void shouldReadEveryGroupAcrossPagesWithTheServiceOfTheGroupOrOfTheStream() throws Exception {
        String checkout = group("/ecs/checkout");
        String shared = group("/ecs/shared");
        stub.add(
                checkout,
                event("checkout/web/1", 1, "a1", "INFO GET /cart 200"),
                event("checkout/web/1", 2, "a2", "ERROR Query timed out after 5000 ms"),
                event("checkout/web/1", 3, "a3", "\tat org.postgresql.Driver.connect(Driver.java:42)"),
                event("checkout/web/1", 4, "a4", "INFO GET /cart 200"),
                event("checkout/web/1", 5, "a5", "WARN slow response 900 ms"));
        stub.add(
                shared,
                event("payments/api/7", 1, "b1", "ERROR Connection refused: ledger:8443"),
                event("inventory/api/3", 2, "b2", "INFO reserved 3 items"));
        LogGroupPoller first = poller(checkout + "=checkout");
        LogGroupPoller second = poller(shared);

        assertThat(first.poll()).isEqualTo(5);
        assertThat(second.poll()).isEqualTo(2);

        assertThat(sink.deliveries())
                .containsExactly(
                        new Delivery("checkout", List.of("INFO GET /cart 200", "ERROR Query timed out after 5000 ms")),
                        new Delivery(
                                "checkout",
                                List.of("\tat org.postgresql.Driver.connect(Driver.java:42)", "INFO GET /cart 200")),
                        new Delivery("checkout", List.of("WARN slow response 900 ms")),
                        new Delivery("payments", List.of("ERROR Connection refused: ledger:8443")),
                        new Delivery("inventory", List.of("INFO reserved 3 items")));
        assertThat(stub.requests())
                .containsExactly(
                        new Request(CloudWatchLogsStub.TARGET, checkout, T - 1000, null),
                        new Request(CloudWatchLogsStub.TARGET, checkout, T - 1000, "page-2"),
                        new Request(CloudWatchLogsStub.TARGET, checkout, T - 1000, "page-4"),
                        new Request(CloudWatchLogsStub.TARGET, shared, T - 1000, null));
        assertThat(cursors.load(checkout)).contains(new CloudWatchCursor(T + 5, Map.of("a5", T + 5)));
    }

    @Test
    void shouldRetryThrottledAndFailingCallsWithGrowingJitteredWaitsThenDeliverOnce() throws Exception {
        String orders = group("/ecs/orders");
        stub.add(orders, event("orders/api/1", 1, "c1", "ERROR Deadlock found when trying to get lock"));
        stub.failNext(
                new Failure(400, "ThrottlingException", "Rate exceeded"),
                new Failure(429, "TooManyRequestsException", "Too Many Requests"),
                new Failure(503, "ServiceUnavailableException", "Service Unavailable"),
                new Failure(500, "InternalFailure", "internal error"));

        assertThat(poller(orders + "=orders").poll()).isEqualTo(1);

        assertThat(sink.deliveries())
                .containsExactly(new Delivery("orders", List.of("ERROR Deadlock found when trying to get lock")));
        assertThat(stub.requests()).hasSize(5);
        assertThat(sleeps).hasSize(4);
        long[] bounds = {100, 200, 400, 800};
        for (int i = 0; i < bounds.length; i++) {
            assertThat(sleeps.get(i).toMillis()).isBetween(bounds[i] / 2, bounds[i]);
        }
    }

    @Test
    void shouldLeaveTheCursorAloneWhenAnErrorIsNotWorthRetrying() throws Exception {
        String missing = group("/ecs/missing");
        stub.failNext(new Failure(400, "ResourceNotFoundException", "The specified log group does not exist."));

        assertThat(poller(missing).poll()).isZero();

        assertThat(stub.requests()).hasSize(1);
        assertThat(sleeps).isEmpty();
        assertThat(cursors.load(missing)).isEmpty();
    }

    @Test
    void shouldResumeAfterARestartWithoutSkippingOrRepeatingEvents() throws Exception {
        String billing = group("/ecs/billing");
        stub.add(
                billing,
                event("billing/api/1", 1, "d1", "INFO invoice 1 created"),
                event("billing/api/1", 2, "d2", "INFO invoice 2 created"),
                event("billing/api/1", 3, "d3", "INFO invoice 3 created"));
        poller(billing + "=billing").poll();
        sink.takeDeliveries();
        // After the restart: one more event in the very millisecond the cursor stopped at, and later ones.
        stub.add(
                billing,
                event("billing/api/1", 3, "d3b", "ERROR invoice 3 could not be sent"),
                event("billing/api/1", 4, "d4", "INFO invoice 4 created"));

        LogGroupPoller restarted = poller(billing + "=billing");
        assertThat(restarted.poll()).isEqualTo(2);
        assertThat(restarted.poll()).isZero();

        assertThat(sink.deliveries())
                .containsExactly(
                        new Delivery("billing", List.of("ERROR invoice 3 could not be sent")),
                        new Delivery("billing", List.of("INFO invoice 4 created")));
        assertThat(stub.requests()).extracting(Request::startTime).endsWith(T + 3, T + 3, T + 4);
    }

    @Test
    void shouldOfferTheSameLinesAgainWhenTheDetectorWasUnavailable() throws Exception {
        String shop = group("/ecs/shop");
        stub.add(
                shop,
                event("cart/api/1", 1, "e1", "ERROR cart failed"),
                event("search/api/2", 1, "e2", "ERROR search failed"));
        sink.failFor("search", 1);

        assertThatThrownBy(() -> poller(shop).poll()).isInstanceOf(DetectorUnavailableException.class);
        assertThat(poller(shop).poll()).isEqualTo(1);

        assertThat(sink.deliveries())
                .containsExactly(
                        new Delivery("cart", List.of("ERROR cart failed")),
                        new Delivery("search", List.of("ERROR search failed")));
    }

    private String group(String prefix) {
        String group = prefix + "-" + UUID.randomUUID();
        groups.add(group);
        return group;
    }

    private static Event event(String stream, long offset, String id, String message) {
        return new Event(stream, T + offset, id, message);
    }

    private LogGroupPoller poller(String entry) {
        if (client == null) {
            client = CloudWatchSource.client(new CloudWatchSettings(groups, stub.endpoint()));
        }
        CloudWatchSettings settings = new CloudWatchSettings(groups, stub.endpoint());
        Backoff backoff = new Backoff(settings.backoffBase(), settings.backoffMax(), new Random(7));
        Clock clock = Clock.fixed(Instant.ofEpochMilli(T), ZoneOffset.UTC);

        return new LogGroupPoller(
                SourceEntry.parse(entry), client, cursors, sink, backoff, sleeps::add, clock, Duration.ofSeconds(1));
    }
}
