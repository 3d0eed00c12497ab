package io.autorecovery.detector.ingest;

import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Log levels as the many logging libraries spell them, read into one vocabulary: TRACE, DEBUG,
 * INFO, WARN, ERROR, FATAL. ERROR and FATAL mark a fault; every other level is context.
 */
final class LogLevels {

    private static final Set<String> FAULT_LEVELS = Set.of("ERROR", "FATAL");

    private static final Map<String, String> SPELLINGS = Map.ofEntries(
            Map.entry("TRACE", "TRACE"),
            Map.entry("FINEST", "TRACE"),
            Map.entry("FINER", "TRACE"),
            Map.entry("DEBUG", "DEBUG"),
            Map.entry("FINE", "DEBUG"),
            Map.entry("CONFIG", "INFO"),
            Map.entry("INFO", "INFO"),
            Map.entry("INFORMATION", "INFO"),
            Map.entry("NOTICE", "INFO"),
            Map.entry("WARN", "WARN"),
            Map.entry("WARNING", "WARN"),
            Map.entry("ERROR", "ERROR"),
            Map.entry("ERR", "ERROR"),
            Map.entry("SEVERE", "ERROR"),
            Map.entry("FATAL", "FATAL"),
            Map.entry("CRITICAL", "FATAL"),
            Map.entry("CRIT", "FATAL"),
            Map.entry("ALERT", "FATAL"),
            Map.entry("EMERG", "FATAL"),
            Map.entry("EMERGENCY", "FATAL"),
            Map.entry("PANIC", "FATAL"));

    /** Syslog severities 0 (emergency) to 7 (debug). */
    private static final String[] SYSLOG = {"FATAL", "FATAL", "FATAL", "ERROR", "WARN", "INFO", "INFO", "DEBUG"};

    private LogLevels() {}

    static boolean isFault(String level) {
        if (level == null) {
            return false;
        }
        // The usual spellings, answered without normalising: this runs for every record.
        switch (level) {
            case "INFO", "info", "DEBUG", "debug", "WARN", "warn", "TRACE", "trace", "WARNING", "warning" -> {
                return false;
            }
            case "ERROR", "error", "FATAL", "fatal" -> {
                return true;
            }
            default -> {
                return FAULT_LEVELS.contains(normalize(level));
            }
        }
    }

    /** The level in the common vocabulary, or the text itself, upper-cased, when it is not a known one. */
    static String normalize(String level) {
        String upper = level.strip().toUpperCase(Locale.ROOT);
        return SPELLINGS.getOrDefault(upper, upper);
    }

    /** A known spelling of a level, in any case; null otherwise. */
    static String known(String word) {
        if (word == null || word.length() > 11) {
            return null;
        }
        return SPELLINGS.get(word.toUpperCase(Locale.ROOT));
    }

    /** A numeric level: syslog severities 0 to 7, or the 10-to-60 scale of pino and bunyan. */
    static String ofNumber(long value) {
        if (value >= 0 && value < SYSLOG.length) {
            return SYSLOG[(int) value];
        }
        if (value >= 60) {
            return "FATAL";
        }
        if (value >= 50) {
            return "ERROR";
        }
        if (value >= 40) {
            return "WARN";
        }
        return value >= 30 ? "INFO" : value >= 20 ? "DEBUG" : "TRACE";
    }

    /** The syslog severity carried in a priority value ({@code <PRI>}). */
    static String ofSyslogPriority(int priority) {
        return SYSLOG[priority % 8];
    }
}
