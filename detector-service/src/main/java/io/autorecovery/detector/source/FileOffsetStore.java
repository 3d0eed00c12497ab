package io.autorecovery.detector.source;

import io.autorecovery.detector.DetectorUnavailableException;
import io.autorecovery.detector.store.RedisKeys;
import io.quarkus.redis.datasource.RedisDataSource;
import jakarta.enterprise.context.ApplicationScoped;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

/** The read position of each tailed file, one hash per file path in Redis. */
@ApplicationScoped
public class FileOffsetStore {

    private final RedisDataSource redis;

    FileOffsetStore(RedisDataSource redis) {
        this.redis = redis;
    }

    public static String key(Path file) {
        return RedisKeys.PREFIX + "file:offset:" + file.toAbsolutePath().normalize();
    }

    public Optional<FileOffset> load(Path file) {
        Map<String, String> fields = call(
                "read the offset of " + file, () -> redis.hash(String.class).hgetall(key(file)));
        if (fields.get("fileKey") == null || fields.get("offset") == null) {
            return Optional.empty();
        }

        return Optional.of(new FileOffset(fields.get("fileKey"), Long.parseLong(fields.get("offset"))));
    }

    public void save(Path file, FileOffset offset) {
        Map<String, String> fields = Map.of("fileKey", offset.fileKey(), "offset", Long.toString(offset.offset()));
        call("save the offset of " + file, () -> {
            redis.hash(String.class).hset(key(file), fields);
            return null;
        });
    }

    private static <T> T call(String action, Supplier<T> redisCall) {
        try {
            return redisCall.get();
        } catch (RuntimeException e) {
            throw new DetectorUnavailableException("Redis could not " + action + ": " + e.getMessage(), e);
        }
    }
}
