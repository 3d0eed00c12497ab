package io.autorecovery.dashboard;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import java.time.Duration;

/** Settings of the dashboard: the Redis event feed and the browser connections fed from it. */
@ConfigMapping(prefix = "dashboard")
public interface DashboardConfig {

    Feed feed();

    Sse sse();

    /** The replay buffer in Redis and the reader that tails it. */
    interface Feed {

        /** Entries the stream keeps, approximately; older ones are trimmed on append. */
        @WithDefault("10000")
        @Min(100)
        long maxLength();

        /** How long an event id is remembered, so that a redelivered event is not shown twice. */
        @WithDefault("24h")
        Duration duplicateWindow();

        /** How long one read of the tail waits for new entries; keep it below quarkus.redis.timeout. */
        @WithDefault("2s")
        Duration readBlock();

        /** Most entries one read of the tail returns. */
        @WithDefault("200")
        @Min(1)
        @Max(10_000)
        int readBatch();

        /** Pause before the tail retries after Redis failed it. */
        @WithDefault("1s")
        Duration retryDelay();
    }

    /** Server-sent event connections. */
    interface Sse {

        /** Interval of the comment lines that keep idle connections open through proxies. */
        @WithDefault("15s")
        Duration heartbeat();

        /**
         * Most entries sent as replay on one connection. A client further behind gets one page, then
         * the response ends and the browser reconnects from the last id it received.
         */
        @WithDefault("1000")
        @Min(1)
        @Max(10_000)
        int maxReplay();

        /** Live entries a client may fall behind before it is dropped (it then resumes by replay). */
        @WithDefault("1000")
        @Min(16)
        int clientBuffer();

        /** Reconnection delay that browsers are told to use, in the {@code retry} field. */
        @WithDefault("2s")
        Duration reconnectDelay();
    }
}
