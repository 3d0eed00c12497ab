package io.autorecovery.dashboard.feed;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.autorecovery.contracts.Topics;
import io.autorecovery.dashboard.DashboardConfig;
import io.autorecovery.dashboard.support.FeedStream;
import io.autorecovery.dashboard.support.InMemoryChannels;
import io.autorecovery.dashboard.support.TestEvents;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.redis.datasource.RedisDataSource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.vertx.core.buffer.Buffer;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The hub's promises: every entry after a client's start exactly once, in order; slow clients go. */
@QuarkusTest
@TestProfile(InMemoryChannels.class)
class FeedHubTest {

    private static final Duration TIMEOUT = Duration.ofSeconds(20);
    private static final String CONNECTED = ":connected\nretry:2000\n\n";

    @Inject
    FeedHub hub;

    @Inject
    EventFeed feed;

    @Inject
    RedisDataSource redis;

    @Inject
    DashboardConfig config;

    @Inject
    MeterRegistry registry;

    @BeforeEach
    void startWithAnEmptyFeed() {
        FeedStream.clear(redis);
        await().atMost(TIMEOUT).until(() -> hub.connectionCount() == 0);
    }

    @Test
    void everyClientGetsEachEntryAfterItsStartOnceAndInOrderWhileEntriesArrive() throws Exception {
        List<StreamId> appended = new CopyOnWriteArrayList<>();
        CompletableFuture<Void> writing = CompletableFuture.runAsync(() -> {
            for (int i = 0; i < 300; i++) {
                appended.add(append("entry " + i));
                pause(2);
            }
        });
        List<Client> clients = new ArrayList<>();
        Random random = new Random(7);
        while (!writing.isDone() || clients.size() < 10) {
            int known = appended.size();
            StartPoint start = clients.size() % 3 == 0 || known == 0
                    ? StartPoint.live()
                    : StartPoint.after(appended.get(random.nextInt(known)));
            clients.add(open(start));
            pause(5 + random.nextInt(20));
        }
        writing.get();
        StreamId closing = append("closing entry");
        appended.add(closing);

        await().atMost(TIMEOUT)
                .until(() -> clients.stream()
                        .allMatch(client -> client.sink().entryIds().contains(closing)));
        assertThat(clients).hasSizeGreaterThanOrEqualTo(10);
        for (Client client : clients) {
            List<StreamId> received = client.sink().entryIds();
            int from = client.start().kind() == StartPoint.Kind.LIVE
                    ? appended.indexOf(received.get(0))
                    : appended.indexOf(client.start().after()) + 1;
            assertThat(received)
                    .as("entries of a client that started %s", client.start())
                    .isEqualTo(appended.subList(from, appended.size()));
            assertThat(client.sink().frames().get(0)).isEqualTo(CONNECTED);
            client.connection().close();
        }
    }

    @Test
    void sendsAClientFarBehindOnePageThenEndsSoThatItResumesFromItsLastId() {
        int page = config.sse().maxReplay();
        List<StreamId> appended = appendAndAwaitBroadcast(page + 5);

        Client first = open(StartPoint.after(StreamId.ZERO));
        await().atMost(TIMEOUT).until(() -> first.sink().ended);
        assertThat(first.sink().frames().get(0)).isEqualTo(CONNECTED);
        assertThat(first.sink().entryIds()).isEqualTo(appended.subList(0, page));

        Client second = open(StartPoint.after(appended.get(page - 1)));
        await().atMost(TIMEOUT).until(() -> second.sink().entryIds().size() == 5);
        assertThat(second.sink().entryIds()).isEqualTo(appended.subList(page, page + 5));
        assertThat(second.sink().ended).isFalse();
        assertThat(hub.connectionCount()).isEqualTo(1);
        second.connection().close();
    }

    @Test
    void dropsAClientWhoseWriteQueueIsFullAndCountsIt() {
        double droppedBefore = registry.counter("dashboard.sse.dropped").count();
        Client slow = open(StartPoint.live());
        await().atMost(TIMEOUT).until(() -> hub.connectionCount() == 1);
        slow.sink().full = true;

        append("entry the client cannot take");

        await().atMost(TIMEOUT).until(() -> slow.sink().dropped);
        assertThat(slow.sink().frames()).containsExactly(CONNECTED);
        await().atMost(TIMEOUT).until(() -> hub.connectionCount() == 0);
        assertThat(registry.counter("dashboard.sse.dropped").count()).isEqualTo(droppedBefore + 1);
    }

    @Test
    void writesEachEntryAsOneSharedFrame() {
        Client one = open(StartPoint.live());
        Client two = open(StartPoint.live());
        await().atMost(TIMEOUT).until(() -> hub.connectionCount() == 2);

        StreamId id = append("shared");

        await().atMost(TIMEOUT)
                .until(() ->
                        one.sink().buffers.size() == 2 && two.sink().buffers.size() == 2);
        assertThat(one.sink().buffers.get(1)).isSameAs(two.sink().buffers.get(1));
        assertThat(one.sink().frames().get(1)).startsWith("id:" + id + "\nevent:" + Topics.INCIDENTS_CREATED);
        one.connection().close();
        two.connection().close();
    }

    @Test
    void sendsTheNewestEntriesFirstForALatestStart() {
        List<StreamId> appended = appendAndAwaitBroadcast(5);

        Client client = open(StartPoint.latest(3));
        await().atMost(TIMEOUT).until(() -> client.sink().entryIds().size() == 3);
        StreamId live = append("live entry");
        await().atMost(TIMEOUT).until(() -> client.sink().entryIds().size() == 4);

        List<StreamId> expected = new ArrayList<>(appended.subList(2, 5));
        expected.add(live);
        assertThat(client.sink().entryIds()).isEqualTo(expected);
        client.connection().close();
    }

    private record Client(StartPoint start, RecordingSink sink, FeedConnection connection) {}

    /** Records what a connection writes, as a browser would read it. */
    private static final class RecordingSink implements FeedSink {

        final List<Buffer> buffers = new CopyOnWriteArrayList<>();
        volatile boolean full;
        volatile boolean ended;
        volatile boolean dropped;

        @Override
        public void write(Buffer frame) {
            buffers.add(frame);
        }

        @Override
        public boolean isFull() {
            return full;
        }

        @Override
        public void end() {
            ended = true;
        }

        @Override
        public void drop() {
            dropped = true;
        }

        List<String> frames() {
            return buffers.stream()
                    .map(buffer -> buffer.toString(StandardCharsets.UTF_8))
                    .toList();
        }

        List<StreamId> entryIds() {
            return frames().stream()
                    .filter(frame -> frame.startsWith("id:"))
                    .map(frame -> StreamId.parse(frame.substring(3, frame.indexOf('\n'))))
                    .toList();
        }
    }

    private Client open(StartPoint start) {
        RecordingSink sink = new RecordingSink();

        return new Client(start, sink, hub.open(start, sink));
    }

    /** Appends entries and waits until the hub has broadcast them, so that a replay covers them all. */
    private List<StreamId> appendAndAwaitBroadcast(int count) {
        Client probe = open(StartPoint.live());
        List<StreamId> appended = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            appended.add(append("entry " + i));
        }
        await().atMost(TIMEOUT).until(() -> probe.sink().entryIds().size() == count);
        probe.connection().close();
        await().atMost(TIMEOUT).until(() -> hub.connectionCount() == 0);
        return appended;
    }

    private StreamId append(String title) {
        return feed.append(Topics.INCIDENTS_CREATED, TestEvents.incidentCreated(title))
                .await()
                .atMost(TIMEOUT)
                .orElseThrow();
    }

    private static void pause(int millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
