package io.autorecovery.dashboard.rest;

import io.autorecovery.dashboard.feed.FeedSink;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelPipeline;
import io.netty.channel.VoidChannelPromise;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.http.HttpVersion;
import io.vertx.core.net.impl.ConnectionBase;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

/**
 * The open response of one browser on a plain HTTP/1.1 connection, written past the HTTP encoder.
 * A live frame goes to every connection of an event loop in turn; through the encoder each write
 * would frame the same bytes as a chunk again. Here the chunk of a frame is built once per event
 * loop and each connection gets a view of it, written and flushed at the socket's end of the
 * pipeline: one write per delivery and nothing else. The head and the end of the response still go
 * through Vert.x, so the encoder's state stays right. Where the pipeline is not the plain one
 * (HTTP/2, compression), {@link #of} declines and the caller writes through the response.
 */
final class ChunkSink implements FeedSink {

    /** The connection's pipeline name of Vert.x's HTTP/1.x response encoder. */
    private static final String ENCODER = "httpEncoder";

    private static final String COMPRESSOR = "deflater";
    private static final byte[] CRLF = "\r\n".getBytes(StandardCharsets.US_ASCII);

    /** The last frame this event loop chunked, and its chunk: each loop delivers one frame at a time. */
    private static final ThreadLocal<Chunked> LAST = new ThreadLocal<>();

    private final ResponseSink response;
    private final ChannelHandlerContext beforeEncoder;
    /** Reports nothing: a write to a closed socket fails quietly, and the close handler cleans up. */
    private final VoidChannelPromise quiet;

    private ChunkSink(ResponseSink response, ChannelHandlerContext beforeEncoder, VoidChannelPromise quiet) {
        this.response = response;
        this.beforeEncoder = beforeEncoder;
        this.quiet = quiet;
    }

    /** A sink writing chunks itself, where the request came on a plain HTTP/1.1 pipeline. */
    static Optional<FeedSink> of(HttpServerRequest request, HttpServerResponse response) {
        if (request.version() != HttpVersion.HTTP_1_1 || !(request.connection() instanceof ConnectionBase connection)) {
            return Optional.empty();
        }
        ChannelPipeline pipeline = connection.channel().pipeline();
        ChannelHandlerContext encoder = pipeline.context(ENCODER);
        if (encoder == null || pipeline.get(COMPRESSOR) != null) {
            return Optional.empty();
        }

        return Optional.of(new ChunkSink(new ResponseSink(response), encoder, connection.voidPromise));
    }

    @Override
    public void write(Buffer frame) {
        HttpServerResponse open = response.response();
        if (open.ended()) {
            return;
        }
        if (!open.headWritten()) {
            // The head goes out with the first frame, through the encoder.
            response.write(frame);
            return;
        }
        beforeEncoder.writeAndFlush(chunkOf(frame).duplicate(), quiet);
    }

    @Override
    public boolean isFull() {
        return response.response().ended() || !beforeEncoder.channel().isWritable();
    }

    @Override
    public void end() {
        response.end();
    }

    @Override
    public void drop() {
        response.drop();
    }

    private static ByteBuf chunkOf(Buffer frame) {
        Chunked last = LAST.get();
        if (last != null && last.frame() == frame) {
            return last.chunk();
        }
        ByteBuf chunk = chunk(frame.getByteBuf());
        LAST.set(new Chunked(frame, chunk));

        return chunk;
    }

    /** {@code <size in hex>CRLF<frame>CRLF}, read-only and never released, like the frame. */
    private static ByteBuf chunk(ByteBuf frame) {
        byte[] size = Integer.toHexString(frame.readableBytes()).getBytes(StandardCharsets.US_ASCII);
        ByteBuf chunk = Unpooled.directBuffer(size.length + frame.readableBytes() + 2 * CRLF.length);
        chunk.writeBytes(size).writeBytes(CRLF).writeBytes(frame, frame.readerIndex(), frame.readableBytes());
        chunk.writeBytes(CRLF);

        return Unpooled.unreleasableBuffer(chunk.asReadOnly());
    }

    private record Chunked(Buffer frame, ByteBuf chunk) {}
}
