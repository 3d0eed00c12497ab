package io.autorecovery.detector.store;

import java.time.Instant;
import java.util.List;

/**
 * The state of a fault signature right after one more occurrence was recorded.
 *
 * @param cooldownElapsed the signature had not occurred for a whole cooldown (or ever) before this
 * @param announced an event was already emitted for this signature once
 * @param samples the latest samples, oldest first
 * @param burstStarted this occurrence took the rate over the burst window to the threshold, with no
 *     burst under way before
 * @param inWindow occurrences within the burst window, counted up to the threshold
 * @param breadcrumbs the latest non-error lines of the service, oldest first
 */
public record Occurrence(
        long count,
        Instant firstSeen,
        Instant lastSeen,
        boolean cooldownElapsed,
        boolean announced,
        List<String> samples,
        boolean burstStarted,
        long inWindow,
        List<String> breadcrumbs) {

    public Occurrence {
        samples = List.copyOf(samples);
        breadcrumbs = List.copyOf(breadcrumbs);
    }
}
