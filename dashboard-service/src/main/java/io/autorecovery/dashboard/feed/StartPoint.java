package io.autorecovery.dashboard.feed;

import java.util.Objects;

/**
 * Where a new connection starts in the feed: live only, after the last entry its client received,
 * or with the newest few entries.
 */
public record StartPoint(Kind kind, StreamId after, int latest) {

    /** The three ways a connection can start. */
    public enum Kind {
        LIVE,
        AFTER,
        LATEST
    }

    public StartPoint {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(after, "after");
        if (latest < 0) {
            throw new IllegalArgumentException("latest must not be negative");
        }
    }

    /** Only entries that arrive from now on. */
    public static StartPoint live() {
        return new StartPoint(Kind.LIVE, StreamId.ZERO, 0);
    }

    /** Every entry after the given one, then live entries. */
    public static StartPoint after(StreamId lastReceived) {
        return new StartPoint(Kind.AFTER, lastReceived, 0);
    }

    /** The newest {@code count} entries, then live entries. */
    public static StartPoint latest(int count) {
        return new StartPoint(Kind.LATEST, StreamId.ZERO, count);
    }
}
