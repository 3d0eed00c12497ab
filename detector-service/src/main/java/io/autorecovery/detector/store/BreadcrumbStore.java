package io.autorecovery.detector.store;

import static io.autorecovery.detector.store.RedisCalls.attempt;

import io.autorecovery.detector.config.DetectorConfig;
import io.quarkus.redis.datasource.RedisDataSource;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/** The latest non-error log lines of each service, which give a fault its context. */
@ApplicationScoped
public class BreadcrumbStore {

    private final RedisDataSource redis;
    private final DetectorConfig config;

    BreadcrumbStore(RedisDataSource redis, DetectorConfig config) {
        this.redis = redis;
        this.config = config;
    }

    public void remember(String service, String line) {
        int count = config.breadcrumbs().count();
        if (count == 0) {
            return;
        }
        String key = RedisKeys.breadcrumbs(service);

        attempt(
                "keep a breadcrumb of " + service,
                () -> redis.withTransaction(tx -> {
                    tx.list(String.class).lpush(key, line);
                    tx.list(String.class).ltrim(key, 0, count - 1);
                    tx.key().pexpire(key, config.retention().toMillis());
                }));
    }

    /** The latest lines of a service, oldest first. */
    public List<String> recent(String service) {
        int count = config.breadcrumbs().count();
        if (count == 0) {
            return List.of();
        }
        List<String> lines = attempt(
                "read the breadcrumbs of " + service,
                () -> redis.list(String.class).lrange(RedisKeys.breadcrumbs(service), 0, count - 1));

        List<String> oldestFirst = new ArrayList<>(lines);
        Collections.reverse(oldestFirst);
        return oldestFirst;
    }
}
