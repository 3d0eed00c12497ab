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
import io.smallrye.mutiny.helpers.test.AssertSubscriber;
import jakarta.inject.Inject;
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
            clients.add(new Client(start, open(start)));
            pause(5 + random.nextInt(20));
        }
        writing.get();
        StreamId closing = append("closing entry");
        appended.add(closing);

        await().atMost(TIMEOUT)
                .until(() -> clients.stream()
                        .allMatch(client -> entryIds(client.subscriber()).contains(closing)));
        assertThat(clients).hasSizeGreaterThanOrEqualTo(10);
        for (Client client : clients) {
            List<StreamId> received = entryIds(client.subscriber());
            int from = client.start().kind() == StartPoint.Kind.LIVE
                    ? appended.indexOf(received.get(0))
                    : appended.indexOf(client.start().after()) + 1;
            assertThat(received)
                    .as("entries of a client that started %s", client.start())
                    .isEqualTo(appended.subList(from, appended.size()));
            client.subscriber().cancel();
        }
    }

    @Test
    void sendsAClientFarBehindOnePageThenEndsSoThatItResumesFromItsLastId() {
        int page = config.sse().maxReplay();
        List<StreamId> appended = appendAndAwaitBroadcast(page + 5);

        AssertSubscriber<FeedFrame> first = open(StartPoint.after(StreamId.ZERO));
        first.awaitCompletion(TIMEOUT);
        assertThat(first.getItems().get(0)).isEqualTo(FeedSignal.CONNECTED);
        assertThat(entryIds(first)).isEqualTo(appended.subList(0, page));

        AssertSubscriber<FeedFrame> second = open(StartPoint.after(appended.get(page - 1)));
        await().atMost(TIMEOUT).until(() -> entryIds(second).size() == 5);
        assertThat(entryIds(second)).isEqualTo(appended.subList(page, page + 5));
        second.assertNotTerminated();
        second.cancel();
    }

    @Test
    void dropsAClientThatStopsReadingAndCountsIt() {
        double droppedBefore = registry.counter("dashboard.sse.dropped").count();
        AssertSubscriber<FeedFrame> slow =
                hub.open(StartPoint.live()).subscribe().withSubscriber(AssertSubscriber.create(1));
        slow.awaitItems(1);

        int capacity = config.sse().maxReplay() + config.sse().clientBuffer() + 16;
        for (int i = 0; i <= capacity; i++) {
            append("entry " + i);
        }

        slow.awaitCompletion(TIMEOUT);
        assertThat(slow.getItems()).containsExactly(FeedSignal.CONNECTED);
        await().atMost(TIMEOUT).until(() -> hub.connectionCount() == 0);
        assertThat(registry.counter("dashboard.sse.dropped").count()).isEqualTo(droppedBefore + 1);
    }

    @Test
    void sendsTheNewestEntriesFirstForALatestStart() {
        List<StreamId> appended = appendAndAwaitBroadcast(5);

        AssertSubscriber<FeedFrame> client = open(StartPoint.latest(3));
        await().atMost(TIMEOUT).until(() -> entryIds(client).size() == 3);
        StreamId live = append("live entry");
        await().atMost(TIMEOUT).until(() -> entryIds(client).size() == 4);

        List<StreamId> expected = new ArrayList<>(appended.subList(2, 5));
        expected.add(live);
        assertThat(entryIds(client)).isEqualTo(expected);
        client.cancel();
    }

    private record Client(StartPoint start, AssertSubscriber<FeedFrame> subscriber) {}

    private AssertSubscriber<FeedFrame> open(StartPoint start) {
        return hub.open(start).subscribe().withSubscriber(AssertSubscriber.create(Long.MAX_VALUE));
    }

    /** Appends entries and waits until the hub has broadcast them, so that a replay covers them all. */
    private List<StreamId> appendAndAwaitBroadcast(int count) {
        AssertSubscriber<FeedFrame> probe = open(StartPoint.live());
        List<StreamId> appended = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            appended.add(append("entry " + i));
        }
        await().atMost(TIMEOUT).until(() -> entryIds(probe).size() == count);
        probe.cancel();
        return appended;
    }

    private StreamId append(String title) {
        return feed.append(Topics.INCIDENTS_CREATED, TestEvents.incidentCreated(title))
                .await()
                .atMost(TIMEOUT)
                .orElseThrow();
    }

    private static List<StreamId> entryIds(AssertSubscriber<FeedFrame> subscriber) {
        return subscriber.getItems().stream()
                .filter(FeedEntry.class::isInstance)
                .map(frame -> ((FeedEntry) frame).id())
                .toList();
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
