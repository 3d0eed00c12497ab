package io.autorecovery.dashboard.feed;

import io.autorecovery.contracts.EventJson;
import io.autorecovery.contracts.MeshEvent;
import io.autorecovery.dashboard.DashboardConfig;
import io.quarkus.logging.Log;
import io.quarkus.redis.datasource.ReactiveRedisDataSource;
import io.quarkus.redis.datasource.RedisDataSource;
import io.quarkus.redis.datasource.stream.ReactiveStreamCommands;
import io.quarkus.redis.datasource.stream.StreamCommands;
import io.quarkus.redis.datasource.stream.StreamMessage;
import io.quarkus.redis.datasource.stream.StreamRange;
import io.quarkus.redis.datasource.stream.XReadArgs;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.redis.client.Response;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The replay buffer of pipeline events: a capped Redis stream shared by every dashboard instance.
 * Each entry holds the topic, the subject and the event's JSON; its stream id orders the feed. An
 * event id is taken once: a redelivered event is not appended again.
 */
@ApplicationScoped
public class EventFeed {

    /** The stream that holds the feed. */
    public static final String STREAM_KEY = "dashboard:events";

    /** Prefix of the keys that mark an event id as already appended. */
    public static final String SEEN_KEY_PREFIX = "dashboard:seen:";

    static final String TOPIC_FIELD = "topic";
    static final String SUBJECT_FIELD = "subject";
    static final String PAYLOAD_FIELD = "payload";

    /** Marks the event id and appends the entry in one step, or does nothing for a known id. */
    private static final String APPEND_ONCE = """
            if redis.call('SET', KEYS[2], '', 'NX', 'PX', ARGV[1]) then
              return redis.call('XADD', KEYS[1], 'MAXLEN', '~', ARGV[2], '*', unpack(ARGV, 3))
            end
            return false
            """;

    private final ReactiveRedisDataSource reactive;
    private final ReactiveStreamCommands<String, String, String> reactiveStream;
    private final StreamCommands<String, String, String> blockingStream;
    private final long maxLength;
    private final Duration duplicateWindow;

    EventFeed(ReactiveRedisDataSource reactive, RedisDataSource blocking, DashboardConfig config) {
        this.reactive = reactive;
        this.reactiveStream = reactive.stream(String.class);
        this.blockingStream = blocking.stream(String.class);
        this.maxLength = config.feed().maxLength();
        this.duplicateWindow = config.feed().duplicateWindow();
    }

    /**
     * Appends an event, trimming the stream to about its maximum length. Emits the new entry's id,
     * or nothing when an event with the same id was appended within the duplicate window.
     */
    public Uni<Optional<StreamId>> append(String topic, MeshEvent event) {
        Uni<Response> appended = reactive.execute(
                "EVAL",
                APPEND_ONCE,
                "2",
                STREAM_KEY,
                SEEN_KEY_PREFIX + event.eventId(),
                Long.toString(duplicateWindow.toMillis()),
                Long.toString(maxLength),
                TOPIC_FIELD,
                topic,
                SUBJECT_FIELD,
                event.subject(),
                PAYLOAD_FIELD,
                EventJson.write(event));

        // The script answers nil for an event id it has seen.
        return appended.map(id -> id == null ? Optional.empty() : Optional.of(StreamId.parse(id.toString())));
    }

    /** The oldest {@code limit} entries after {@code after}, oldest first. */
    public Uni<List<FeedEntry>> after(StreamId after, int limit) {
        StreamRange range = StreamRange.of("(" + after, "+");

        return reactiveStream.xrange(STREAM_KEY, range, limit).map(EventFeed::entries);
    }

    /** The newest {@code count} entries, oldest first. */
    public Uni<List<FeedEntry>> latest(int count) {
        if (count == 0) {
            return Uni.createFrom().item(List.of());
        }
        StreamRange newestFirst = StreamRange.of("+", "-");

        return reactiveStream.xrevrange(STREAM_KEY, newestFirst, count).map(messages -> {
            List<FeedEntry> entries = new ArrayList<>(entries(messages));
            Collections.reverse(entries);
            return entries;
        });
    }

    /** Waits up to {@code block} for entries after {@code after}; blocks the calling thread. */
    public List<FeedEntry> readAfter(StreamId after, Duration block, int count) {
        XReadArgs args = new XReadArgs().block(block).count(count);

        return entries(blockingStream.xread(STREAM_KEY, after.toString(), args));
    }

    /** The id of the newest entry, or {@link StreamId#ZERO} for an empty stream; blocks. */
    public StreamId newestId() {
        List<StreamMessage<String, String, String>> newest =
                blockingStream.xrevrange(STREAM_KEY, StreamRange.of("+", "-"), 1);

        return newest.isEmpty() ? StreamId.ZERO : StreamId.parse(newest.get(0).id());
    }

    private static List<FeedEntry> entries(List<StreamMessage<String, String, String>> messages) {
        List<FeedEntry> entries = new ArrayList<>(messages.size());
        for (StreamMessage<String, String, String> message : messages) {
            Map<String, String> fields = message.payload();
            String topic = fields.get(TOPIC_FIELD);
            String subject = fields.get(SUBJECT_FIELD);
            String payload = fields.get(PAYLOAD_FIELD);
            if (topic == null || subject == null || payload == null) {
                // Only this service writes the stream; an incomplete entry is skipped, not sent.
                Log.warnf("skipping incomplete entry %s of %s", message.id(), STREAM_KEY);
                continue;
            }
            entries.add(new FeedEntry(StreamId.parse(message.id()), topic, subject, payload));
        }
        return entries;
    }
}
