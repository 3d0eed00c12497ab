package io.autorecovery.detector;

import io.autorecovery.contracts.DetectionTrigger;
import io.autorecovery.detector.store.Occurrence;
import java.util.Optional;

/**
 * Decides whether an occurrence of a fault signature is worth an event: the first occurrence
 * ({@code NEW}), the first after a quiet period as long as the cooldown ({@code REGRESSION}), or
 * the one that takes its rate over the burst window to the threshold ({@code BURST}).
 */
final class TriggerPolicy {

    private TriggerPolicy() {}

    static Optional<DetectionTrigger> decide(Occurrence occurrence) {
        if (occurrence.cooldownElapsed()) {
            return Optional.of(occurrence.announced() ? DetectionTrigger.REGRESSION : DetectionTrigger.NEW);
        }

        return occurrence.burstStarted() ? Optional.of(DetectionTrigger.BURST) : Optional.empty();
    }
}
