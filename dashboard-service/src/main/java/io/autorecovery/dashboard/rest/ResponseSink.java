package io.autorecovery.dashboard.rest;

import io.autorecovery.dashboard.feed.FeedSink;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServerResponse;

/**
 * The open response of one browser, written through Vert.x where {@link ChunkSink} declines
 * (HTTP/2, compression); every call comes on the response's event loop. A response that has
 * already ended counts as full, so that the hub lets its connection go instead of failing the
 * writes to the other browsers of the loop.
 */
record ResponseSink(HttpServerResponse response) implements FeedSink {

    @Override
    public void write(Buffer frame) {
        if (!response.ended()) {
            // No completion handler: the write allocates no future.
            response.write(frame, null);
        }
    }

    @Override
    public boolean isFull() {
        return response.ended() || response.writeQueueFull();
    }

    @Override
    public void end() {
        if (!response.ended()) {
            response.end();
        }
    }

    @Override
    public void drop() {
        response.reset();
    }
}
