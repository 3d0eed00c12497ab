package io.autorecovery.dashboard.feed;

import io.autorecovery.dashboard.DashboardConfig;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.subscription.BackPressureFailure;
import io.smallrye.mutiny.subscription.Cancellable;
import io.smallrye.mutiny.subscription.MultiEmitter;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import io.vertx.core.impl.ContextInternal;
import java.util.ArrayList;
import java.util.List;

/**
 * One client's view of the feed. It joins the live broadcast first and holds back what arrives
 * while its replay is read from Redis; then it sends the replay, then the held-back and later live
 * entries. The replay reaches at least as far as the live broadcast had when the client joined, so
 * nothing falls between the two; sending only entries newer than the last one sent drops the
 * entries that both carry.
 */
final class FeedConnection {

    private final FeedHub hub;
    private final EventFeed feed;
    private final DashboardConfig.Sse settings;
    private final StartPoint start;
    private final MultiEmitter<? super FeedFrame> emitter;

    /** Live entries that arrived during the replay; null once the connection is live. */
    private List<FeedEntry> heldBack = new ArrayList<>();

    private StreamId lastSent;
    private Cancellable heartbeats;

    /** The event loop that serves the client, or null outside one (then entries come on the tail). */
    private final Context eventLoop;

    FeedConnection(
            FeedHub hub,
            EventFeed feed,
            DashboardConfig.Sse settings,
            StartPoint start,
            MultiEmitter<? super FeedFrame> emitter) {
        this.hub = hub;
        this.feed = feed;
        this.settings = settings;
        this.start = start;
        this.emitter = emitter;
        this.eventLoop = eventLoopOf(Vertx.currentContext());
    }

    /**
     * The event loop the connection writes on. Handing it live entries there means each write is
     * made in place rather than queued to that loop one write at a time.
     */
    Context eventLoop() {
        return eventLoop;
    }

    private static Context eventLoopOf(Context current) {
        if (current instanceof ContextInternal internal && internal.isEventLoopContext()) {
            // A request runs on a duplicate of its loop's context; the loop's own context groups
            // every connection of that loop.
            return internal.unwrap();
        }
        return null;
    }

    synchronized void start() {
        StreamId horizon = hub.join(this);
        lastSent = start.kind() == StartPoint.Kind.LIVE ? horizon : start.after();
        heartbeats = Multi.createFrom()
                .ticks()
                .startingAfter(settings.heartbeat())
                .every(settings.heartbeat())
                .subscribe()
                .with(tick -> signal(FeedSignal.HEARTBEAT));
        // Runs at once if the client has already gone.
        emitter.onTermination(this::close);
        emitter.emit(FeedSignal.CONNECTED);

        replay().subscribe().with(this::replayed, emitter::fail);
    }

    /** Receives an entry from the live broadcast. */
    synchronized void onLive(FeedEntry entry) {
        if (heldBack == null) {
            send(entry);
            return;
        }
        if (heldBack.size() >= settings.clientBuffer()) {
            emitter.fail(new BackPressureFailure("more live entries arrived than fit during the replay"));
            return;
        }
        heldBack.add(entry);
    }

    private Uni<List<FeedEntry>> replay() {
        return switch (start.kind()) {
            case LIVE -> Uni.createFrom().item(List.of());
            case AFTER -> feed.after(start.after(), settings.maxReplay());
            case LATEST -> feed.latest(start.latest());
        };
    }

    private synchronized void replayed(List<FeedEntry> page) {
        page.forEach(this::send);
        if (isPartial(page)) {
            // The rest follows on the next connection, which the browser opens with the last id.
            emitter.complete();
            return;
        }
        heldBack.forEach(this::send);
        heldBack = null;
    }

    /** A full page after the client's last id may leave more entries behind it. */
    private boolean isPartial(List<FeedEntry> page) {
        return start.kind() == StartPoint.Kind.AFTER && page.size() == settings.maxReplay();
    }

    private void send(FeedEntry entry) {
        if (!entry.id().isAfter(lastSent)) {
            return;
        }
        lastSent = entry.id();
        emitter.emit(entry);
    }

    private synchronized void signal(FeedSignal signal) {
        emitter.emit(signal);
    }

    private void close() {
        hub.leave(this);
        heartbeats.cancel();
    }
}
