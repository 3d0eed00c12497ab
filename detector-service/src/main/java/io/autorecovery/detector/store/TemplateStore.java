package io.autorecovery.detector.store;

import static io.autorecovery.detector.store.RedisCalls.attempt;

import io.autorecovery.detector.DetectorUnavailableException;
import io.quarkus.redis.datasource.RedisDataSource;
import io.vertx.mutiny.redis.client.Command;
import io.vertx.mutiny.redis.client.Request;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedDeque;

/**
 * The learned templates of each service in Redis: one hash per service, template id -> text.
 * Changes are queued as the miner learns and written together by the detection path.
 */
@ApplicationScoped
public class TemplateStore {

    private final RedisDataSource redis;
    private final RedisPipeline pipeline;
    private final Deque<Request> unsaved = new ConcurrentLinkedDeque<>();

    TemplateStore(RedisDataSource redis, RedisPipeline pipeline) {
        this.redis = redis;
        this.pipeline = pipeline;
    }

    public Map<String, String> load(String service) {
        return attempt(
                "load the templates of " + service,
                () -> redis.hash(String.class).hgetall(RedisKeys.templates(service)));
    }

    /** Queues the template's text to be written with the next {@link #saveNow} or pipeline. */
    public void save(String service, String id, String text) {
        unsaved.add(Request.cmd(Command.HSET)
                .arg(RedisKeys.templates(service))
                .arg(id)
                .arg(text));
    }

    /** Queues the removal of an evicted template, written like {@link #save}. */
    public void forget(String service, String id) {
        unsaved.add(Request.cmd(Command.HDEL).arg(RedisKeys.templates(service)).arg(id));
    }

    /** Writes the queued changes with one call to Redis; they stay queued when Redis fails. */
    public void saveNow() {
        List<Request> calls = takeUnsaved();
        try {
            pipeline.run("save " + calls.size() + " template changes", calls);
        } catch (DetectorUnavailableException e) {
            putBack(calls);
            throw e;
        }
    }

    /** The queued changes, in order, for the caller to send in a pipeline of its own. */
    public List<Request> takeUnsaved() {
        List<Request> calls = new ArrayList<>();
        for (Request call = unsaved.poll(); call != null; call = unsaved.poll()) {
            calls.add(call);
        }
        return calls;
    }

    /** Queues changes again, ahead of newer ones, after the pipeline that carried them failed. */
    public void putBack(List<Request> calls) {
        for (int i = calls.size() - 1; i >= 0; i--) {
            unsaved.addFirst(calls.get(i));
        }
    }
}
