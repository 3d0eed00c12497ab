package io.autorecovery.dashboard.feed;

import io.autorecovery.dashboard.DashboardConfig;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.netty.channel.EventLoop;
import io.quarkus.logging.Log;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.impl.ContextInternal;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Fans the entries read by the {@link FeedTail} out to every browser connection of this instance.
 * Each connection starts where its client asks (see {@link StartPoint}) and then receives every
 * later entry exactly once, in stream order. An entry is formatted once; each event loop then
 * writes it to its own connections in one task.
 */
@ApplicationScoped
public class FeedHub {

    private final Map<EventLoop, EventLoopClients> loops = new ConcurrentHashMap<>();
    private final AtomicInteger open = new AtomicInteger();
    private final Object horizonLock = new Object();
    /** Id of the newest entry broadcast; null until the tail has found its place in the stream. */
    private StreamId horizon;

    private final Vertx vertx;
    private final EventFeed feed;
    private final DashboardConfig.Sse settings;
    private final Counter droppedClients;
    private final Buffer connected;
    private final Buffer heartbeat;
    /** Serves connections opened outside any event loop; created on first use. */
    private ContextInternal outsideLoops;

    FeedHub(Vertx vertx, EventFeed feed, DashboardConfig config, MeterRegistry registry) {
        this.vertx = vertx;
        this.feed = feed;
        this.settings = config.sse();
        this.connected = SseFrames.connected(settings.reconnectDelay());
        this.heartbeat = SseFrames.heartbeat();
        this.droppedClients = Counter.builder("dashboard.sse.dropped")
                .description("Browser connections closed because the client read too slowly")
                .register(registry);
        Gauge.builder("dashboard.sse.connections", open, AtomicInteger::get)
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
        return open.get();
    }

    /**
     * Opens a connection on the calling event loop: its client first receives the comment
     * {@code connected}, then the entries from its start point on. A client that falls too far
     * behind is dropped and comes back with the id of the last entry it received.
     */
    public FeedConnection open(StartPoint start, FeedSink sink) {
        EventLoopClients loop = clientsOf(eventLoop());
        FeedConnection connection = new FeedConnection(this, loop, start, sink);
        loop.run(connection::start);

        return connection;
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
        Buffer frame = SseFrames.entry(entry);
        for (EventLoopClients loop : loops.values()) {
            loop.deliver(entry, frame);
        }
    }

    /**
     * Registers a connection for live entries and returns the horizon: every entry after it
     * reaches the connection live, and every entry up to it is already in the stream. Runs on
     * the connection's loop.
     */
    StreamId join(FeedConnection connection, EventLoopClients loop) {
        synchronized (horizonLock) {
            if (horizon == null) {
                throw new IllegalStateException("the feed is not live yet");
            }
            loop.add(connection);
            open.incrementAndGet();
            return horizon;
        }
    }

    /** Runs on the connection's loop. */
    void leave(FeedConnection connection, EventLoopClients loop) {
        if (loop.remove(connection)) {
            open.decrementAndGet();
        }
    }

    void dropped() {
        droppedClients.increment();
        Log.warn("dropped a browser connection that fell behind the feed; it resumes by replay");
    }

    EventFeed feed() {
        return feed;
    }

    Buffer connectedFrame() {
        return connected;
    }

    int maxReplay() {
        return settings.maxReplay();
    }

    int clientBuffer() {
        return settings.clientBuffer();
    }

    private ContextInternal eventLoop() {
        Context current = Vertx.currentContext();
        if (current instanceof ContextInternal internal && internal.isEventLoopContext()) {
            // A request runs on a duplicate of its loop's context; the loop's own context serves
            // every connection of that loop.
            return internal.unwrap();
        }
        return outsideLoops();
    }

    private synchronized ContextInternal outsideLoops() {
        if (outsideLoops == null) {
            outsideLoops = (ContextInternal) vertx.getOrCreateContext();
        }
        return outsideLoops;
    }

    private EventLoopClients clientsOf(ContextInternal context) {
        return loops.computeIfAbsent(
                context.nettyEventLoop(),
                loop -> new EventLoopClients(context, settings.heartbeat().toMillis(), heartbeat));
    }
}
