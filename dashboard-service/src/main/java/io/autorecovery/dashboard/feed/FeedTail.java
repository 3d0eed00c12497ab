package io.autorecovery.dashboard.feed;

import io.autorecovery.dashboard.DashboardConfig;
import io.quarkus.logging.Log;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * The one reader of the Redis stream on this instance. It waits for new entries with a blocking
 * read and hands each to the {@link FeedHub}. Every instance runs its own tail, so every instance
 * sees every entry, whichever instance appended it.
 */
@ApplicationScoped
public class FeedTail {

    private static final Duration STOP_TIMEOUT = Duration.ofSeconds(10);

    private final EventFeed feed;
    private final FeedHub hub;
    private final DashboardConfig.Feed settings;

    private volatile boolean running;
    private volatile Thread reader;
    private volatile String lastFailure;
    private volatile Instant lastRead;

    FeedTail(EventFeed feed, FeedHub hub, DashboardConfig config) {
        this.feed = feed;
        this.hub = hub;
        this.settings = config.feed();
    }

    void start(@Observes StartupEvent startup) {
        running = true;
        reader = new Thread(this::run, "dashboard-feed-tail");
        reader.setDaemon(true);
        reader.start();
    }

    void stop(@Observes ShutdownEvent shutdown) throws InterruptedException {
        running = false;
        Thread current = reader;
        if (current != null) {
            current.interrupt();
            current.join(STOP_TIMEOUT.toMillis());
        }
    }

    /** Why the last read failed, or null when the last read succeeded. */
    public String lastFailure() {
        return lastFailure;
    }

    /** When a read last succeeded, or null before the first. */
    public Instant lastRead() {
        return lastRead;
    }

    private void run() {
        StreamId position = null;
        while (running) {
            try {
                if (position == null) {
                    position = feed.newestId();
                    hub.startAt(position);
                    Log.infof("feed tail reads %s after %s", EventFeed.STREAM_KEY, position);
                }
                position = readOnce(position);
                readSucceeded();
            } catch (RuntimeException e) {
                readFailed(e);
            }
        }
    }

    private StreamId readOnce(StreamId position) {
        List<FeedEntry> entries = feed.readAfter(position, settings.readBlock(), settings.readBatch());
        StreamId newest = position;
        for (FeedEntry entry : entries) {
            hub.broadcast(entry);
            newest = entry.id();
        }
        return newest;
    }

    private void readSucceeded() {
        lastRead = Instant.now();
        if (lastFailure != null) {
            Log.infof("feed tail reads %s again", EventFeed.STREAM_KEY);
            lastFailure = null;
        }
    }

    private void readFailed(RuntimeException failure) {
        if (!running) {
            return;
        }
        if (lastFailure == null) {
            Log.warnf(
                    "feed tail cannot read %s, retrying every %s: %s",
                    EventFeed.STREAM_KEY, settings.retryDelay(), failure.getMessage());
        }
        lastFailure = String.valueOf(failure.getMessage());
        pause(settings.retryDelay());
    }

    private void pause(Duration delay) {
        try {
            Thread.sleep(delay.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            running = false;
        }
    }
}
