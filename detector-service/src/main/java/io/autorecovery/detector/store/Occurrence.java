package io.autorecovery.detector.store;

import java.time.Instant;
import java.util.List;

/**
 * The state of a fault signature right after one more occurrence was recorded.
 *
 * @param cooldownElapsed the signature had not occurred for a whole cooldown (or ever) before this
 * @param announced an event was already emitted for this signature once
 * @param samples the latest samples, oldest first
 */
public record Occurrence(
        long count,
        Instant firstSeen,
        Instant lastSeen,
        boolean cooldownElapsed,
        boolean announced,
        List<String> samples) {

    public Occurrence {
        samples = List.copyOf(samples);
    }
}
