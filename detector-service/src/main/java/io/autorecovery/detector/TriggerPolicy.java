package io.autorecovery.detector;

import io.autorecovery.contracts.DetectionTrigger;
import io.autorecovery.detector.store.Occurrence;
import java.util.Optional;

/**
 * Decides whether an occurrence of a fault signature is worth an event. Today: the first
 * occurrence, or the first after a quiet period as long as the cooldown. Rate-based triggers
 * ({@link DetectionTrigger#BURST}) are not raised yet.
 */
final class TriggerPolicy {

    private TriggerPolicy() {}

    static Optional<DetectionTrigger> decide(Occurrence occurrence) {
        if (!occurrence.cooldownElapsed()) {
            return Optional.empty();
        }

        return Optional.of(occurrence.announced() ? DetectionTrigger.REGRESSION : DetectionTrigger.NEW);
    }
}
