package io.autorecovery.dashboard.support;

import io.smallrye.reactive.messaging.memory.InMemoryConnector;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.eclipse.microprofile.reactive.messaging.Message;

/** Records sent into the in-memory channels, waiting for the service's acknowledgement. */
public final class Deliveries {

    private static final Duration TIMEOUT = Duration.ofSeconds(10);

    private Deliveries() {}

    /** Sends a record and waits until the service has taken it (feed and views updated). */
    public static void deliver(InMemoryConnector channels, String topic, String json) {
        CompletableFuture<Void> acked = new CompletableFuture<>();
        Message<String> message = Message.of(json)
                .withAck(() -> {
                    acked.complete(null);
                    return CompletableFuture.completedFuture(null);
                })
                .withNack(failure -> {
                    acked.completeExceptionally(failure);
                    return CompletableFuture.completedFuture(null);
                });
        channels.source(topic).send(message);
        acked.orTimeout(TIMEOUT.toSeconds(), TimeUnit.SECONDS).join();
    }

    /** Sends a record and returns the reason the service refused it with. */
    public static Throwable refusal(InMemoryConnector channels, String topic, String json) {
        CompletableFuture<Throwable> nacked = new CompletableFuture<>();
        Message<String> message = Message.of(json)
                .withAck(() -> {
                    nacked.completeExceptionally(new AssertionError("the record was acknowledged"));
                    return CompletableFuture.completedFuture(null);
                })
                .withNack(failure -> {
                    nacked.complete(failure);
                    return CompletableFuture.completedFuture(null);
                });
        channels.source(topic).send(message);
        return nacked.orTimeout(TIMEOUT.toSeconds(), TimeUnit.SECONDS).join();
    }
}
