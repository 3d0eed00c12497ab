package io.autorecovery.detector.ingest;

import java.util.Locale;
import java.util.Set;

/** Which log levels mark a fault; records at every other level are context. */
final class LogLevels {

    private static final Set<String> FAULT_LEVELS = Set.of("ERROR", "FATAL");

    private LogLevels() {}

    static boolean isFault(String level) {
        return level != null && FAULT_LEVELS.contains(level.strip().toUpperCase(Locale.ROOT));
    }
}
