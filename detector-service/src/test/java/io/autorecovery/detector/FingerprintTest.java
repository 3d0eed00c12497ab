package io.autorecovery.detector;

import static org.assertj.core.api.Assertions.assertThat;

import io.autorecovery.contracts.FaultClass;
import org.junit.jupiter.api.Test;

class FingerprintTest {

    private static final String TEMPLATE = "Query timed out after <NUM> ms";

    @Test
    void shouldBeTheHeadOfTheSha256OfServiceClassAndTemplate() {
        // sha256("checkout\ndb-timeout\nQuery timed out after <NUM> ms"), first 16 hex characters
        assertThat(Fingerprint.of("checkout", FaultClass.DB_TIMEOUT, TEMPLATE))
                .isEqualTo(new Fingerprint("fff7d92d5f2ae75f"));
    }

    @Test
    void shouldBeStable() {
        assertThat(Fingerprint.of("checkout", FaultClass.DB_TIMEOUT, TEMPLATE))
                .isEqualTo(Fingerprint.of("checkout", FaultClass.DB_TIMEOUT, TEMPLATE));
    }

    @Test
    void shouldDifferWhenServiceClassOrTemplateDiffers() {
        Fingerprint base = Fingerprint.of("checkout", FaultClass.DB_TIMEOUT, TEMPLATE);

        assertThat(Fingerprint.of("billing", FaultClass.DB_TIMEOUT, TEMPLATE)).isNotEqualTo(base);
        assertThat(Fingerprint.of("checkout", FaultClass.UPSTREAM_TIMEOUT, TEMPLATE))
                .isNotEqualTo(base);
        assertThat(Fingerprint.of("checkout", FaultClass.DB_TIMEOUT, TEMPLATE + "!"))
                .isNotEqualTo(base);
    }

    @Test
    void shouldKeepTheFieldsApart() {
        assertThat(Fingerprint.of("ab", FaultClass.UNKNOWN, "c"))
                .isNotEqualTo(Fingerprint.of("a", FaultClass.UNKNOWN, "bc"));
    }
}
