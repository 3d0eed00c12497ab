package io.autorecovery.detector.store;

import static io.autorecovery.detector.store.RedisCalls.attempt;

import io.autorecovery.detector.DetectorUnavailableException;
import io.quarkus.redis.datasource.RedisDataSource;
import io.vertx.mutiny.redis.client.RedisConnection;
import io.vertx.mutiny.redis.client.Request;
import io.vertx.mutiny.redis.client.Response;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Sends several Redis calls at once, in order on one connection, and waits once for all replies;
 * or, with {@link #send}, goes on without waiting, on a connection kept for it, so that the calls
 * of the next batch are on their way while Redis answers those of the one before.
 */
@ApplicationScoped
public class RedisPipeline {

    /** Longer than any reply of a healthy Redis to a batch of calls takes. */
    private static final Duration TIMEOUT = Duration.ofSeconds(30);

    private final RedisDataSource redis;

    /** The connection of {@link #send}; null until the first send and after it failed. */
    private RedisConnection ordered;

    RedisPipeline(RedisDataSource redis) {
        this.redis = redis;
    }

    /** The replies in the order of the calls; throws DetectorUnavailableException when Redis fails. */
    public List<Response> run(String action, List<Request> calls) {
        if (calls.isEmpty()) {
            return List.of();
        }
        return attempt(
                action,
                () -> redis.getReactive().getRedis().batch(calls).await().atMost(TIMEOUT));
    }

    /**
     * Sends the calls and returns at once with their replies to come, in the order of the calls.
     * Calls sent one after another run in Redis in the order they were sent. The replies fail with
     * DetectorUnavailableException when Redis fails or takes too long; a connection that broke or
     * hung is dropped, and the next send opens another.
     */
    public synchronized CompletableFuture<List<Response>> send(String action, List<Request> calls) {
        if (calls.isEmpty()) {
            return CompletableFuture.completedFuture(List.of());
        }
        CompletableFuture<List<Response>> replies = new CompletableFuture<>();
        RedisConnection connection;
        try {
            connection = orderedConnection();
        } catch (RuntimeException e) {
            replies.completeExceptionally(unavailable(action, e));
            return replies;
        }
        // A broken connection is dropped by its handlers; an error reply leaves it to the batches after.
        connection
                .batch(calls)
                .subscribe()
                .with(replies::complete, failure -> replies.completeExceptionally(unavailable(action, failure)));
        return replies.orTimeout(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS).exceptionallyCompose(failure -> {
            if (failure instanceof TimeoutException) {
                drop(connection);
                return CompletableFuture.failedFuture(unavailable(action, failure));
            }
            return CompletableFuture.failedFuture(failure);
        });
    }

    private RedisConnection orderedConnection() {
        if (ordered == null) {
            RedisConnection opened =
                    redis.getReactive().getRedis().connect().await().atMost(TIMEOUT);
            opened.exceptionHandler(failure -> drop(opened));
            opened.endHandler(() -> drop(opened));
            ordered = opened;
        }
        return ordered;
    }

    private synchronized void drop(RedisConnection connection) {
        if (ordered == connection) {
            ordered = null;
            connection.closeAndForget();
        }
    }

    private static DetectorUnavailableException unavailable(String action, Throwable failure) {
        String reason = failure instanceof TimeoutException ? "no reply within " + TIMEOUT : failure.getMessage();
        return new DetectorUnavailableException("Redis could not " + action + ": " + reason, failure);
    }
}
