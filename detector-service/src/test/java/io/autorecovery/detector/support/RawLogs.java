package io.autorecovery.detector.support;

import io.autorecovery.contracts.EventJson;
import io.autorecovery.contracts.LogRecord;
import io.autorecovery.detector.ingest.Delivery;
import io.autorecovery.detector.ingest.LogRecordConsumer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * Hands records to the detector's {@code logs.raw} handling as its Kafka reader does, one delivery
 * each, and tells what became of each: settled, or rejected with a reason.
 */
public final class RawLogs {

    private final LogRecordConsumer consumer;

    public RawLogs(LogRecordConsumer consumer) {
        this.consumer = consumer;
    }

    public Sent send(String payload) {
        Sent sent = new Sent(payload);
        consumer.accept(List.of(sent));
        return sent;
    }

    public Sent send(LogRecord record) {
        return send(EventJson.write(record));
    }

    /** One delivered record and its fate. */
    public static final class Sent implements Delivery {
        private final byte[] payload;
        private final CompletableFuture<Void> settled = new CompletableFuture<>();
        private final CompletableFuture<Throwable> rejected = new CompletableFuture<>();

        Sent(String payload) {
            this.payload = payload == null ? null : payload.getBytes(StandardCharsets.UTF_8);
        }

        public CompletableFuture<Void> settled() {
            return settled;
        }

        public CompletableFuture<Throwable> rejected() {
            return rejected;
        }

        @Override
        public byte[] payload() {
            return payload;
        }

        @Override
        public void settle() {
            if (!settled.complete(null) || rejected.isDone()) {
                throw new IllegalStateException("a delivery settled twice, or settled and rejected");
            }
        }

        @Override
        public void reject(Throwable reason) {
            if (!rejected.complete(reason) || settled.isDone()) {
                throw new IllegalStateException("a delivery rejected twice, or settled and rejected");
            }
        }
    }
}
