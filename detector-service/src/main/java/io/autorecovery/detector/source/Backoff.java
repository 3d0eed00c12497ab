package io.autorecovery.detector.source;

import java.time.Duration;
import java.util.random.RandomGenerator;

/**
 * Waits between retries: doubled per attempt up to a ceiling, each wait drawn between half and
 * all of that bound, so sources throttled together do not retry in step.
 */
final class Backoff {

    private final long baseMillis;
    private final long maxMillis;
    private final RandomGenerator random;
    private int attempts;

    Backoff(Duration base, Duration max, RandomGenerator random) {
        this.baseMillis = Math.max(1, base.toMillis());
        this.maxMillis = Math.max(baseMillis, max.toMillis());
        this.random = random;
    }

    /** The wait before the next retry. */
    Duration next() {
        long bound = Math.min(maxMillis, baseMillis << Math.min(attempts, 30));
        attempts++;
        long half = bound / 2;

        return Duration.ofMillis(half + random.nextLong(bound - half + 1));
    }

    int attempts() {
        return attempts;
    }

    void reset() {
        attempts = 0;
    }
}
