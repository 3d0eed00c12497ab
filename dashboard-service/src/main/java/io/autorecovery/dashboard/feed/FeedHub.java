package io.autorecovery.dashboard.feed;

import io.autorecovery.dashboard.DashboardConfig;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.logging.Log;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.subscription.BackPressureFailure;
import io.vertx.core.Context;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Fans the entries read by the {@link FeedTail} out to every browser connection of this instance.
 * Each connection starts where its client asks (see {@link StartPoint}) and then receives every
 * later entry exactly once, in stream order.
 */
@ApplicationScoped
public class FeedHub {

    /** Room for the frames without an entry (connected, heartbeats) next to the entries. */
    private static final int SIGNAL_ROOM = 16;

    private final Set<FeedConnection> connections = ConcurrentHashMap.newKeySet();
    private final Object horizonLock = new Object();
    /** Id of the newest entry broadcast; null until the tail has found its place in the stream. */
    private StreamId horizon;

    private final EventFeed feed;
    private final DashboardConfig.Sse settings;
    private final Counter droppedClients;

    FeedHub(EventFeed feed, DashboardConfig config, MeterRegistry registry) {
        this.feed = feed;
        this.settings = config.sse();
        this.droppedClients = Counter.builder("dashboard.sse.dropped")
                .description("Browser connections closed because the client read too slowly")
                .register(registry);
        Gauge.builder("dashboard.sse.connections", connections, Set::size)
                .description("Open server-sent event connections")
                .register(registry);
    }

    /** Whether the hub receives live entries; connections can be opened only then. */
    public boolean isLive() {
        synchronized (horizonLock) {
            return horizon != null;
        }
    }

    public int connectionCount() {
        return connections.size();
    }

    /**
     * Opens a connection: the frames a client receives, starting with {@link FeedSignal#CONNECTED}.
     * A client that falls too far behind is dropped: its stream completes, and it comes back with
     * the id of the last entry it received.
     */
    public Multi<FeedFrame> open(StartPoint start) {
        int capacity = settings.maxReplay() + settings.clientBuffer() + SIGNAL_ROOM;

        return Multi.createFrom()
                .<FeedFrame>emitter(emitter -> new FeedConnection(this, feed, settings, start, emitter).start())
                .onOverflow()
                .buffer(capacity)
                .onFailure(BackPressureFailure.class)
                .invoke(this::clientDropped)
                .onFailure(BackPressureFailure.class)
                .recoverWithCompletion();
    }

    /** Places the hub at the tail's starting point, before the first entry is broadcast. */
    void startAt(StreamId position) {
        synchronized (horizonLock) {
            horizon = position;
        }
    }

    /** Hands a new entry to every connection; the tail calls it once per entry, in stream order. */
    void broadcast(FeedEntry entry) {
        synchronized (horizonLock) {
            horizon = entry.id();
        }
        // A connection that joins between the two steps gets the entry twice (from its replay and
        // live); it drops the second copy by id.
        Map<Context, List<FeedConnection>> byEventLoop = new HashMap<>();
        for (FeedConnection connection : connections) {
            Context eventLoop = connection.eventLoop();
            if (eventLoop == null) {
                connection.onLive(entry);
            } else {
                byEventLoop
                        .computeIfAbsent(eventLoop, loop -> new ArrayList<>())
                        .add(connection);
            }
        }
        // One task per event loop, not per connection: the loop writes to all of its clients in turn.
        byEventLoop.forEach((eventLoop, served) -> eventLoop.runOnContext(ignored -> {
            for (FeedConnection connection : served) {
                connection.onLive(entry);
            }
        }));
    }

    /**
     * Registers a connection for live entries and returns the horizon: every entry after it
     * reaches the connection live, and every entry up to it is already in the stream.
     */
    StreamId join(FeedConnection connection) {
        synchronized (horizonLock) {
            if (horizon == null) {
                throw new IllegalStateException("the feed is not live yet");
            }
            connections.add(connection);
            return horizon;
        }
    }

    void leave(FeedConnection connection) {
        connections.remove(connection);
    }

    private void clientDropped(Throwable failure) {
        droppedClients.increment();
        Log.warnf(
                "dropped a browser connection that fell behind the feed; it resumes by replay: %s",
                failure.getMessage());
    }
}
