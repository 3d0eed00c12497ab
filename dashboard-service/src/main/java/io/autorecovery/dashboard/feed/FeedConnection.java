package io.autorecovery.dashboard.feed;

import io.quarkus.logging.Log;
import io.smallrye.mutiny.Uni;
import io.vertx.core.buffer.Buffer;
import java.util.ArrayList;
import java.util.List;

/**
 * One client's view of the feed. It joins the live broadcast first and holds back what arrives
 * while its replay is read from Redis; then it sends the replay, then the held-back and later live
 * entries. The replay reaches at least as far as the live broadcast had when the client joined, so
 * nothing falls between the two; sending only entries newer than the last one sent drops the
 * entries that both carry. All its state is touched on its event loop only.
 */
public final class FeedConnection {

    private final FeedHub hub;
    private final EventLoopClients loop;
    private final StartPoint start;
    private final FeedSink sink;

    /** Live entries that arrived during the replay; null once the connection is live. */
    private List<FeedEntry> heldBack = new ArrayList<>();

    private StreamId lastSent;
    private boolean closed;

    FeedConnection(FeedHub hub, EventLoopClients loop, StartPoint start, FeedSink sink) {
        this.hub = hub;
        this.loop = loop;
        this.start = start;
        this.sink = sink;
    }

    /** Forgets the connection once its client has gone; safe to call from any thread, repeatedly. */
    public void close() {
        loop.run(this::leave);
    }

    void start() {
        StreamId horizon = hub.join(this, loop);
        lastSent = start.kind() == StartPoint.Kind.LIVE ? horizon : start.after();
        sink.write(hub.connectedFrame());
        replay().subscribe()
                .with(page -> loop.run(() -> replayed(page)), failure -> loop.run(() -> replayFailed(failure)));
    }

    /** Receives an entry from the live broadcast, with its frame shared by every connection. */
    void onLive(FeedEntry entry, Buffer frame) {
        if (closed || !entry.id().isAfter(lastSent)) {
            return;
        }
        if (heldBack != null) {
            holdBack(entry);
            return;
        }
        if (sink.isFull()) {
            drop();
            return;
        }
        lastSent = entry.id();
        sink.write(frame);
    }

    void onHeartbeat(Buffer frame) {
        if (!closed && !sink.isFull()) {
            sink.write(frame);
        }
    }

    private void holdBack(FeedEntry entry) {
        if (heldBack.size() >= hub.clientBuffer()) {
            drop();
            return;
        }
        heldBack.add(entry);
    }

    private Uni<List<FeedEntry>> replay() {
        return switch (start.kind()) {
            case LIVE -> Uni.createFrom().item(List.of());
            case AFTER -> hub.feed().after(start.after(), hub.maxReplay());
            case LATEST -> hub.feed().latest(start.latest());
        };
    }

    private void replayed(List<FeedEntry> page) {
        if (closed) {
            return;
        }
        // One page may exceed the write queue; the client is judged on live entries only.
        page.forEach(this::sendOwnFrame);
        if (isPartial(page)) {
            // The rest follows on the next connection, which the browser opens with the last id.
            sink.end();
            leave();
            return;
        }
        List<FeedEntry> held = heldBack;
        heldBack = null;
        held.forEach(this::sendOwnFrame);
    }

    private void replayFailed(Throwable failure) {
        Log.warnf("closing a browser connection whose replay failed; it reconnects: %s", failure.getMessage());
        if (!closed) {
            sink.drop();
            leave();
        }
    }

    /** A full page after the client's last id may leave more entries behind it. */
    private boolean isPartial(List<FeedEntry> page) {
        return start.kind() == StartPoint.Kind.AFTER && page.size() == hub.maxReplay();
    }

    private void sendOwnFrame(FeedEntry entry) {
        if (!entry.id().isAfter(lastSent)) {
            return;
        }
        lastSent = entry.id();
        sink.write(SseFrames.entry(entry));
    }

    private void drop() {
        sink.drop();
        leave();
        hub.dropped();
    }

    private void leave() {
        if (!closed) {
            closed = true;
            hub.leave(this, loop);
        }
    }
}
