package io.autorecovery.dashboard;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/** Settings of the dashboard: the Redis event feed and the browser connections fed from it. */
@ConfigMapping(prefix = "dashboard")
public interface DashboardConfig {

    Feed feed();

    Sse sse();

    Auth auth();

    Projection projection();

    /** The incident service, which takes approvals, rejections and resolutions. */
    Upstream incident();

    /** The deployer service, which owns the pause switch of automatic deploys. */
    Upstream deployer();

    /** Who may log in: entries {@code person:token}; viewers watch, operators also act. */
    interface Auth {

        Optional<List<String>> viewerTokens();

        Optional<List<String>> operatorTokens();

        /** How long a login lasts without activity. */
        @WithDefault("8h")
        Duration sessionTimeout();

        /** Whether the session cookie is sent over HTTPS only; turn on wherever TLS ends in front. */
        @WithDefault("false")
        boolean secureCookie();

        /** Failed logins one client address may make in a window before it must wait (429). */
        @WithDefault("10")
        @Min(1)
        int maxFailedLogins();

        /** The window of failed logins, from the first failure. */
        @WithDefault("5m")
        Duration failedLoginWindow();
    }

    /** The per-incident, per-stage and per-deploy views kept in Redis. */
    interface Projection {

        /** How long an incident or deploy stays in the views after its last event. */
        @WithDefault("30d")
        Duration retention();

        /** Most timeline entries kept per incident (and fault rows per fingerprint). */
        @WithDefault("200")
        @Min(10)
        int maxTimeline();
    }

    /** A service the dashboard calls on behalf of an operator, with its own bearer token. */
    interface Upstream {

        URI url();

        /** The dashboard's operator token for that service; without it, the actions answer 503. */
        Optional<String> token();

        @WithDefault("5s")
        Duration timeout();
    }

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
