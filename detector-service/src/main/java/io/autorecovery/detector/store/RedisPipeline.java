package io.autorecovery.detector.store;

import static io.autorecovery.detector.store.RedisCalls.attempt;

import io.quarkus.redis.datasource.RedisDataSource;
import io.vertx.mutiny.redis.client.Request;
import io.vertx.mutiny.redis.client.Response;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.util.List;

/** Sends several Redis calls at once, in order on one connection, and waits once for all replies. */
@ApplicationScoped
public class RedisPipeline {

    /** Longer than any reply of a healthy Redis to a batch of calls takes. */
    private static final Duration TIMEOUT = Duration.ofSeconds(30);

    private final RedisDataSource redis;

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
}
