package io.autorecovery.incident.messaging;

import io.smallrye.reactive.messaging.kafka.api.OutgoingKafkaRecordMetadata;
import jakarta.enterprise.context.ApplicationScoped;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Emitter;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.eclipse.microprofile.reactive.messaging.Metadata;

/**
 * Sends the records of a {@code faults.detected} batch that cannot be handled to
 * {@code faults.detected.dlq}, with the same headers the connector's own dead-letter queue writes,
 * and waits until the broker has them: the batch is acknowledged only after that.
 */
@ApplicationScoped
public class DeadLetters {

    /** The outgoing channel, configured to write to the dead-letter topic of the faults' topic. */
    public static final String CHANNEL = "faults-dead-letters";

    private static final long ACK_TIMEOUT_SECONDS = 30;

    private final Emitter<String> emitter;

    DeadLetters(@Channel(CHANNEL) Emitter<String> emitter) {
        this.emitter = emitter;
    }

    /** A record to dead-letter and why. */
    record DeadLetter(ReceivedRecord record, String reason, Throwable cause) {}

    void send(List<DeadLetter> letters) {
        if (letters.isEmpty()) {
            return;
        }
        List<CompletableFuture<Void>> acks = letters.stream().map(this::send).toList();
        try {
            CompletableFuture.allOf(acks.toArray(CompletableFuture[]::new)).get(ACK_TIMEOUT_SECONDS, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while dead-lettering faults", e);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("the broker did not take " + letters.size() + " dead letters", e);
        }
    }

    private CompletableFuture<Void> send(DeadLetter letter) {
        ReceivedRecord record = letter.record();
        RecordHeaders headers = new RecordHeaders();
        headers.add("dead-letter-reason", bytes(letter.reason()));
        headers.add("dead-letter-cause", bytes(letter.cause().getClass().getName()));
        headers.add("dead-letter-topic", bytes(record.topic()));
        if (record.partition() >= 0) {
            headers.add("dead-letter-partition", bytes(Integer.toString(record.partition())));
            headers.add("dead-letter-offset", bytes(Long.toString(record.offset())));
        }
        OutgoingKafkaRecordMetadata<String> kafka = OutgoingKafkaRecordMetadata.<String>builder()
                .withKey(record.key())
                .withHeaders(headers)
                .build();
        CompletableFuture<Void> acked = new CompletableFuture<>();
        emitter.send(Message.of(record.payload() == null ? "" : record.payload(), Metadata.of(kafka))
                .withAck(() -> {
                    acked.complete(null);
                    return CompletableFuture.completedFuture(null);
                })
                .withNack(failure -> {
                    acked.completeExceptionally(failure);
                    return CompletableFuture.completedFuture(null);
                }));
        return acked;
    }

    private static byte[] bytes(String text) {
        return (text == null ? "" : text).getBytes(StandardCharsets.UTF_8);
    }
}
