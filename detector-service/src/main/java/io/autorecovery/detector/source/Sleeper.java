package io.autorecovery.detector.source;

import java.time.Duration;

/** Pauses the calling thread; tests record the pauses instead of waiting them out. */
@FunctionalInterface
interface Sleeper {

    Sleeper REAL = duration -> Thread.sleep(duration.toMillis());

    void sleep(Duration duration) throws InterruptedException;
}
