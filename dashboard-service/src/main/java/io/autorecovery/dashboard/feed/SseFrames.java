package io.autorecovery.dashboard.feed;

import io.netty.buffer.Unpooled;
import io.vertx.core.buffer.Buffer;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/**
 * Server-sent event frames as the bytes written to browsers. An entry's frame is built once and
 * written to every connection: it is read-only and never released, so each write shares it.
 */
final class SseFrames {

    private SseFrames() {}

    /** {@code id}, {@code event} (the topic) and one {@code data} line, then a blank line. */
    static Buffer entry(FeedEntry entry) {
        String frame = "id:" + entry.id() + "\nevent:" + entry.topic() + "\ndata:" + EventData.of(entry) + "\n\n";

        return shared(frame);
    }

    /** The first frame of every connection, with the delay browsers wait before reconnecting. */
    static Buffer connected(Duration reconnectDelay) {
        return shared(":connected\nretry:" + reconnectDelay.toMillis() + "\n\n");
    }

    /** A comment that keeps an idle connection open through proxies. */
    static Buffer heartbeat() {
        return shared(":heartbeat\n\n");
    }

    /**
     * Off-heap, so that no write copies it, and unreleasable, so that no write frees it for the
     * others; the garbage collector reclaims it once no connection holds it.
     */
    private static Buffer shared(String frame) {
        byte[] bytes = frame.getBytes(StandardCharsets.UTF_8);
        ByteBuffer direct = ByteBuffer.allocateDirect(bytes.length).put(bytes).flip();

        return Buffer.buffer(Unpooled.unreleasableBuffer(Unpooled.wrappedBuffer(direct)));
    }
}
