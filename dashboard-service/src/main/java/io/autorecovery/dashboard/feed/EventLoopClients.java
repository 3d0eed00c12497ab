package io.autorecovery.dashboard.feed;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.impl.ContextInternal;
import java.util.LinkedHashSet;
import java.util.Set;

/**
 * The connections served by one event loop. Only that loop's thread touches them: an entry
 * reaches all of them in one task on the loop, and each write is then made in place.
 */
final class EventLoopClients {

    private static final FeedConnection[] NONE = new FeedConnection[0];

    private final ContextInternal context;
    private final Set<FeedConnection> members = new LinkedHashSet<>();
    /** The members as an array, rebuilt after a change, so a delivery iterates without allocating. */
    private FeedConnection[] snapshot = NONE;

    private boolean changed;

    EventLoopClients(ContextInternal context, long heartbeatMillis, Buffer heartbeat) {
        this.context = context;
        context.runOnContext(started -> context.owner().setPeriodic(heartbeatMillis, tick -> beat(heartbeat)));
    }

    /** Runs the action on this loop: in place when already on it, else as a task. */
    void run(Runnable action) {
        if (context.nettyEventLoop().inEventLoop()) {
            action.run();
        } else {
            context.runOnContext(ignored -> action.run());
        }
    }

    /** Hands a live entry to every connection of the loop, in one task. */
    void deliver(FeedEntry entry, Buffer frame) {
        context.runOnContext(ignored -> {
            for (FeedConnection connection : members()) {
                connection.onLive(entry, frame);
            }
        });
    }

    /** Called on the loop. */
    void add(FeedConnection connection) {
        changed |= members.add(connection);
    }

    /** Called on the loop. */
    boolean remove(FeedConnection connection) {
        boolean removed = members.remove(connection);
        changed |= removed;
        return removed;
    }

    private void beat(Buffer heartbeat) {
        for (FeedConnection connection : members()) {
            connection.onHeartbeat(heartbeat);
        }
    }

    private FeedConnection[] members() {
        if (changed) {
            snapshot = members.toArray(NONE);
            changed = false;
        }
        return snapshot;
    }
}
