package io.autorecovery.detector.source;

import io.autorecovery.detector.FaultSignal;
import java.util.Optional;

/**
 * One configured origin of lines, written {@code name} or {@code name=service}: a log group or
 * a file path, and the service its lines belong to when the entry names one.
 */
record SourceEntry(String name, Optional<String> service) {

    static SourceEntry parse(String entry) {
        String text = entry.strip();
        int eq = text.lastIndexOf('=');
        if (eq < 0) {
            return new SourceEntry(requireName(text, entry), Optional.empty());
        }
        String service = text.substring(eq + 1).strip();
        FaultSignal.serviceNameProblem(service).ifPresent(problem -> {
            throw new IllegalArgumentException("source '" + entry + "': service " + problem);
        });

        return new SourceEntry(requireName(text.substring(0, eq).strip(), entry), Optional.of(service));
    }

    private static String requireName(String name, String entry) {
        if (name.isEmpty()) {
            throw new IllegalArgumentException("source '" + entry + "' names no log group or file");
        }

        return name;
    }
}
