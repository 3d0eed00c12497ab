package io.autorecovery.e2e;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Tokens of the running mesh: from the environment (what {@code ./run test} passes), else from
 * {@code .run/secrets.env}, which {@code ./run up} writes at the root of the project.
 */
final class MeshSecrets {

    private static final Path SECRETS = Path.of("../../.run/secrets.env");

    private MeshSecrets() {}

    static String get(String environmentVariable, String secretsVariable) {
        String value = System.getenv(environmentVariable);
        if (value != null && !value.isBlank()) {
            return value;
        }
        return fromFile(secretsVariable)
                .orElseThrow(() -> new IllegalStateException("set " + environmentVariable + ", or run ./run up so that "
                        + SECRETS.normalize() + " holds " + secretsVariable));
    }

    private static Optional<String> fromFile(String variable) {
        if (!Files.isReadable(SECRETS)) {
            return Optional.empty();
        }
        try {
            return Files.readAllLines(SECRETS).stream()
                    .filter(line -> line.startsWith(variable + "="))
                    .map(line -> line.substring(variable.length() + 1).strip())
                    .findFirst();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
