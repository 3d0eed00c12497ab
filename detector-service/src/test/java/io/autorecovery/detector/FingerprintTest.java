package io.autorecovery.detector;

import static org.assertj.core.api.Assertions.assertThat;

import io.autorecovery.contracts.FaultClass;
import io.autorecovery.detector.stack.StackSignature;
import io.autorecovery.detector.stack.StackTraceReader;
import io.autorecovery.detector.template.LogTemplate;
import io.autorecovery.detector.template.LogTokenizer;
import org.junit.jupiter.api.Test;

class FingerprintTest {

    /** The id of the template first learned as "Query timed out after <*> ms". */
    private static final String TEMPLATE = "b4776e075d3de2f6";

    @Test
    void shouldBeTheHeadOfTheSha256OfServiceClassAndTemplateId() {
        // sha256("checkout\ndb-timeout\nb4776e075d3de2f6"), first 16 hex characters
        assertThat(Fingerprint.of("checkout", FaultClass.DB_TIMEOUT, TEMPLATE))
                .isEqualTo(new Fingerprint("055e316e623d19cc"));
    }

    @Test
    void shouldUseTheIdThatTheMinerGivesATemplate() {
        assertThat(LogTemplate.idOf(LogTokenizer.splitTemplate("Query timed out after <*> ms")))
                .isEqualTo(TEMPLATE);
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

    @Test
    void shouldBeTheHeadOfTheSha256OfServiceAndStackSignatureForAFaultWithAStackTrace() {
        StackSignature stack = StackTraceReader.read("""
                        java.lang.IllegalStateException: order 17 failed
                        \tat com.shop.Orders.place(Orders.java:12)
                        Caused by: java.sql.SQLException: lock wait timeout
                        \tat com.shop.Repo.save(Repo.java:40)
                        """).orElseThrow();

        // sha256 of "java\njava.lang.IllegalStateException\ncause java.sql.SQLException\n"
        // + "com.shop.Orders.place\ncaused by java.sql.SQLException\ncom.shop.Repo.save\n"
        assertThat(stack.digest()).isEqualTo("18e9954405167294");
        // sha256("checkout\nstack\n18e9954405167294"), first 16 hex characters
        assertThat(Fingerprint.ofStack("checkout", stack)).isEqualTo(new Fingerprint("4ef96356df1a2c9c"));
        assertThat(Fingerprint.ofStack("billing", stack)).isNotEqualTo(Fingerprint.ofStack("checkout", stack));
    }
}
