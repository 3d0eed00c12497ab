package io.autorecovery.detector.source;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.autorecovery.detector.DetectorUnavailableException;
import io.autorecovery.detector.store.RedisKeys;
import io.quarkus.redis.datasource.RedisDataSource;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Optional;

/** The read position of each CloudWatch log group, one JSON string per group in Redis. */
@ApplicationScoped
public class CloudWatchCursorStore {

    private final RedisDataSource redis;
    private final ObjectMapper json;

    CloudWatchCursorStore(RedisDataSource redis, ObjectMapper json) {
        this.redis = redis;
        this.json = json;
    }

    public static String key(String logGroup) {
        return RedisKeys.PREFIX + "cloudwatch:cursor:" + logGroup;
    }

    public Optional<CloudWatchCursor> load(String logGroup) {
        String text = call(
                "read the cursor of " + logGroup,
                () -> redis.value(String.class).get(key(logGroup)));
        if (text == null) {
            return Optional.empty();
        }
        try {
            return Optional.of(json.readValue(text, CloudWatchCursor.class));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("unreadable cursor at " + key(logGroup), e);
        }
    }

    public void save(String logGroup, CloudWatchCursor cursor) {
        String text;
        try {
            text = json.writeValueAsString(cursor);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cursor of " + logGroup + " cannot be written", e);
        }
        call("save the cursor of " + logGroup, () -> {
            redis.value(String.class).set(key(logGroup), text);
            return null;
        });
    }

    private static <T> T call(String action, java.util.function.Supplier<T> redisCall) {
        try {
            return redisCall.get();
        } catch (RuntimeException e) {
            throw new DetectorUnavailableException("Redis could not " + action + ": " + e.getMessage(), e);
        }
    }
}
