package io.autorecovery.detector;

import static org.assertj.core.api.Assertions.assertThat;

import io.autorecovery.contracts.FaultClass;
import io.autorecovery.contracts.Severity;
import java.util.Arrays;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class FaultSeverityTest {

    @Test
    void shouldDeriveSeverityFromEveryFaultClass() {
        Map<FaultClass, Severity> severities =
                Arrays.stream(FaultClass.values()).collect(Collectors.toMap(Function.identity(), FaultSeverity::of));

        assertThat(severities)
                .containsExactlyInAnyOrderEntriesOf(Map.ofEntries(
                        Map.entry(FaultClass.OUT_OF_MEMORY, Severity.CRITICAL),
                        Map.entry(FaultClass.DISK_FULL, Severity.CRITICAL),
                        Map.entry(FaultClass.DB_TIMEOUT, Severity.HIGH),
                        Map.entry(FaultClass.DB_POOL_EXHAUSTED, Severity.HIGH),
                        Map.entry(FaultClass.DEADLOCK, Severity.HIGH),
                        Map.entry(FaultClass.UPSTREAM_TIMEOUT, Severity.HIGH),
                        Map.entry(FaultClass.UPSTREAM_ERROR, Severity.HIGH),
                        Map.entry(FaultClass.SQL_SYNTAX, Severity.MEDIUM),
                        Map.entry(FaultClass.RATE_LIMITED, Severity.MEDIUM),
                        Map.entry(FaultClass.NULL_REFERENCE, Severity.MEDIUM),
                        Map.entry(FaultClass.CONFIG_MISSING, Severity.MEDIUM),
                        Map.entry(FaultClass.AUTH_FAILURE, Severity.MEDIUM),
                        Map.entry(FaultClass.UNKNOWN, Severity.MEDIUM)));
    }
}
