package io.autorecovery.tools;

import static org.assertj.core.api.Assertions.assertThat;

import io.autorecovery.contracts.LogRecord;
import java.util.List;
import org.junit.jupiter.api.Test;

class NoiseCatalogueTest {

    @Test
    void theSameSeedDrawsTheSameNoise() {
        assertThat(NoiseCatalogue.draw(50, 42)).isEqualTo(NoiseCatalogue.draw(50, 42));
        assertThat(NoiseCatalogue.draw(50, 42)).isNotEqualTo(NoiseCatalogue.draw(50, 43));
    }

    @Test
    void noiseIsOrdinaryTrafficOfEveryServiceAndNeverAnError() {
        List<NoiseLine> noise = NoiseCatalogue.draw(2_000, 7);

        assertThat(noise).extracting(NoiseLine::level).containsOnly("INFO", "DEBUG", "WARN");
        assertThat(noise).extracting(NoiseLine::level).contains("INFO", "DEBUG", "WARN");
        assertThat(noise).extracting(NoiseLine::service).containsOnlyElementsOf(FaultCatalogue.SERVICES);
        assertThat(noise).extracting(NoiseLine::service).containsAll(FaultCatalogue.SERVICES);
        assertThat(noise.stream().filter(line -> line.level().equals("INFO")).count())
                .isBetween(1_200L, 1_600L);
    }

    @Test
    void noiseIsInterleavedWithAFaultsRecordsAndTheErrorStaysLastOfThem() {
        SyntheticFault fault = FaultCatalogue.draw(1, 5).get(0);
        List<NoiseLine> noise = NoiseCatalogue.draw(5, 5);

        List<LogRecord> records = FaultSender.interleaved(FaultSender.records(fault), noise);

        assertThat(records)
                .extracting(LogRecord::message)
                .containsExactly(
                        noise.get(0).message(),
                        fault.breadcrumbs().get(0),
                        noise.get(1).message(),
                        fault.breadcrumbs().get(1),
                        noise.get(2).message(),
                        fault.message(),
                        noise.get(3).message(),
                        noise.get(4).message());
        assertThat(records.get(0).service()).isEqualTo(noise.get(0).service());
        assertThat(records.get(0).level()).isEqualTo(noise.get(0).level());
    }
}
