package io.autorecovery.tools;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class FaultCatalogueTest {

    @Test
    void theSameSeedDrawsTheSameFaults() {
        assertThat(FaultCatalogue.draw(25, 42)).isEqualTo(FaultCatalogue.draw(25, 42));
    }

    @Test
    void anotherSeedDrawsOtherFaults() {
        assertThat(FaultCatalogue.draw(25, 42)).isNotEqualTo(FaultCatalogue.draw(25, 43));
    }

    @Test
    void aDrawUpToTheCatalogueSizeHoldsEachServiceAndFaultClassOnce() {
        List<SyntheticFault> all = FaultCatalogue.draw(FaultCatalogue.size(), 1);

        Set<String> faults = new HashSet<>();
        all.forEach(fault -> faults.add(fault.service() + "|" + fault.faultClass()));
        assertThat(faults).hasSize(72);
    }

    @Test
    void everyFaultClassAndServiceAppearsInALargeDraw() {
        List<SyntheticFault> all = FaultCatalogue.draw(FaultCatalogue.size(), 9);

        assertThat(all).extracting(SyntheticFault::faultClass).containsAll(FaultCatalogue.CLASSES);
        assertThat(all).extracting(SyntheticFault::service).containsAll(FaultCatalogue.SERVICES);
    }

    @Test
    void eachFaultCarriesBreadcrumbsBeforeItsErrorRecord() {
        SyntheticFault fault = FaultCatalogue.draw(1, 5).get(0);

        assertThat(FaultSender.records(fault))
                .extracting(record -> record.level())
                .containsExactly("INFO", "INFO", "ERROR");
    }
}
