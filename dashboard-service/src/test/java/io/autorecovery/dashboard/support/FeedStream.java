package io.autorecovery.dashboard.support;

import io.autorecovery.dashboard.feed.EventFeed;
import io.quarkus.redis.datasource.RedisDataSource;
import io.quarkus.redis.datasource.stream.StreamMessage;
import io.quarkus.redis.datasource.stream.StreamRange;
import java.util.List;

/** Direct access to the feed's Redis keys, to start each test clean and to check what is stored. */
public final class FeedStream {

    private FeedStream() {}

    /** Deletes every key of the dashboard, and nothing else of the database. */
    public static void clear(RedisDataSource redis) {
        List<String> keys = redis.key().keys("dashboard:*");
        if (!keys.isEmpty()) {
            redis.key().del(keys.toArray(String[]::new));
        }
    }

    public static List<StreamMessage<String, String, String>> entries(RedisDataSource redis) {
        return redis.stream(String.class).xrange(EventFeed.STREAM_KEY, StreamRange.of("-", "+"));
    }
}
