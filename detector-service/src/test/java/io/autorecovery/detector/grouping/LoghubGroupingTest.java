package io.autorecovery.detector.grouping;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Grouping accuracy on the Loghub-2k samples, at least Drain's published figure per system. The
 * samples are read from {@code ../shared/loghub-2k} (or {@code LOGHUB_2K_DIR}); the test is
 * skipped where they are absent.
 */
class LoghubGroupingTest {

    private static final Path DIR = Path.of(System.getenv().getOrDefault("LOGHUB_2K_DIR", "../../shared/loghub-2k"));

    static Stream<Arguments> systems() {
        return GroupingBenchmark.DRAIN.entrySet().stream().map(e -> Arguments.of(e.getKey(), e.getValue()));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("systems")
    void shouldGroupAtLeastAsWellAsDrain(String system, double drain) throws Exception {
        Path csv = DIR.resolve(system).resolve(system + "_2k.log_structured.csv");
        assumeTrue(Files.isReadable(csv), () -> csv + " is absent");

        List<LabelledLine> lines = LogFile.read(csv);
        double ga = GroupingAccuracy.of(
                lines.stream().map(LabelledLine::eventId).toList(),
                LineGrouper.groupIds(lines.stream().map(LabelledLine::content).toList()));

        // Drain's figures are published to three decimals; GA is compared at the same precision.
        assertThat(Math.round(ga * 1000))
                .as("grouping accuracy on %s: %s", system, ga)
                .isGreaterThanOrEqualTo(Math.round(drain * 1000));
        assertThat(Map.of("lines", lines.size())).isEqualTo(Map.of("lines", 2000));
    }
}
