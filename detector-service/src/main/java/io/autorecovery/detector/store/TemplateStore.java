package io.autorecovery.detector.store;

import static io.autorecovery.detector.store.RedisCalls.attempt;

import io.quarkus.redis.datasource.RedisDataSource;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Map;

/** The learned templates of each service in Redis: one hash per service, template id -> text. */
@ApplicationScoped
public class TemplateStore {

    private final RedisDataSource redis;

    TemplateStore(RedisDataSource redis) {
        this.redis = redis;
    }

    public Map<String, String> load(String service) {
        return attempt(
                "load the templates of " + service,
                () -> redis.hash(String.class).hgetall(RedisKeys.templates(service)));
    }

    public void save(String service, String id, String text) {
        attempt(
                "save template " + id + " of " + service,
                () -> redis.hash(String.class).hset(RedisKeys.templates(service), id, text));
    }

    public void forget(String service, String id) {
        attempt(
                "forget template " + id + " of " + service,
                () -> redis.hash(String.class).hdel(RedisKeys.templates(service), id));
    }
}
