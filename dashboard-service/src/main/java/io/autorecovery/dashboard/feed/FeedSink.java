package io.autorecovery.dashboard.feed;

import io.vertx.core.buffer.Buffer;

/** Where the frames of one connection go: the open response to one browser. */
public interface FeedSink {

    /** Queues a frame for the client; never blocks. */
    void write(Buffer frame);

    /** Whether the client has not yet read what was written: the write queue is full. */
    boolean isFull();

    /** Ends the response normally; the browser reconnects with the id of the last event. */
    void end();

    /** Closes the line of a client that fell behind; it reconnects and catches up by replay. */
    void drop();
}
