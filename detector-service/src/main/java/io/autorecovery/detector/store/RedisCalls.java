package io.autorecovery.detector.store;

import io.autorecovery.detector.DetectorUnavailableException;
import java.util.function.Supplier;

/** Turns a failed Redis call into the detector's "unavailable" failure, saying what was attempted. */
final class RedisCalls {

    private RedisCalls() {}

    static <T> T attempt(String action, Supplier<T> call) {
        try {
            return call.get();
        } catch (RuntimeException e) {
            throw new DetectorUnavailableException("Redis could not " + action + ": " + e.getMessage(), e);
        }
    }

    static void attempt(String action, Runnable call) {
        attempt(action, () -> {
            call.run();
            return null;
        });
    }
}
