package io.autorecovery.dashboard.feed;

/** Frames without an event: they tell the client the line is up and keep idle lines open. */
public enum FeedSignal implements FeedFrame {
    /** First frame of every connection, sent once the connection receives live entries. */
    CONNECTED,
    /** Sent at a fixed interval so that proxies and browsers keep an idle connection open. */
    HEARTBEAT
}
