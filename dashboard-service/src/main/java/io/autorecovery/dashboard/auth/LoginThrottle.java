package io.autorecovery.dashboard.auth;

import io.autorecovery.dashboard.DashboardConfig;
import io.quarkus.redis.datasource.ReactiveRedisDataSource;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;

/**
 * Limits failed logins per client address, so that tokens cannot be guessed at speed. The count
 * lives in Redis, shared by every dashboard instance, and starts over a window after the first
 * failure. Only failures count: a person who logs in correctly is never held back by others.
 */
@ApplicationScoped
public class LoginThrottle {

    /** Prefix of the failure counters; the rest of the key is the client's address. */
    public static final String KEY_PREFIX = "dashboard:login-failures:";

    /** Counts one failure and, on the first of a window, starts the window. Returns the count. */
    private static final String COUNT_FAILURE = """
            local failures = redis.call('INCR', KEYS[1])
            if failures == 1 then redis.call('PEXPIRE', KEYS[1], ARGV[1]) end
            return failures
            """;

    /** The milliseconds left of the window once the failures reached the limit, else 0. */
    private static final String REMAINING_WAIT = """
            local failures = tonumber(redis.call('GET', KEYS[1]) or '0')
            if failures < tonumber(ARGV[1]) then return 0 end
            local left = redis.call('PTTL', KEYS[1])
            if left < 0 then return 0 end
            return left
            """;

    private final ReactiveRedisDataSource redis;
    private final int maxFailures;
    private final Duration window;

    LoginThrottle(ReactiveRedisDataSource redis, DashboardConfig config) {
        this.redis = redis;
        this.maxFailures = config.auth().maxFailedLogins();
        this.window = config.auth().failedLoginWindow();
    }

    /** How long the address must wait before it may try again; zero when it may try now. */
    public Uni<Duration> waitFor(String address) {
        return redis.execute("EVAL", REMAINING_WAIT, "1", KEY_PREFIX + address, Integer.toString(maxFailures))
                .map(millis -> Duration.ofMillis(millis.toLong()));
    }

    /** Records a failed login of the address. */
    public Uni<Void> failed(String address) {
        return redis.execute("EVAL", COUNT_FAILURE, "1", KEY_PREFIX + address, Long.toString(window.toMillis()))
                .replaceWithVoid();
    }
}
