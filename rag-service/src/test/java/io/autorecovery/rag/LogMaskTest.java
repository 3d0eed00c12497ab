package io.autorecovery.rag;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Secrets and personal data never survive masking; ordinary log text does. */
class LogMaskTest {

    @Test
    void credentialsTokensAndKeysAreMasked() {
        String masked = LogMask.mask("login failed password=hunter2 token: 'abc.def' api_key=\"k-123\"\n"
                + "Authorization: Bearer eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxMjM0NTY3ODkwIn0.sgnature_x\n"
                + "aws AKIAIOSFODNN7EXAMPLE url postgres://app:s3cret@db:5432/orders gh ghp_abcdefghijklmnopqrstuv12");

        assertThat(masked)
                .isEqualTo("login failed password=<secret> token: <secret> api_key=<secret>\n"
                        + "Authorization: <secret> <jwt>\n"
                        + "aws <aws-key> url postgres://<secret>@db:5432/orders gh <github-token>");
    }

    @Test
    void emailsAddressesAndCardNumbersAreMasked() {
        String masked = LogMask.mask("user jane.doe@example.org from 192.168.10.4 paid with 4111-1111-1111-1111");

        assertThat(masked).isEqualTo("user <email> from <ip> paid with <card>");
    }

    @Test
    void ordinaryLogTextAndNonCardNumbersAreKept() {
        String line = "Query timeout after 5000 ms on orders, order 1234567890123 (not a card), at Orders.java:42";

        assertThat(LogMask.mask(line)).isEqualTo(line);
    }

    @Test
    void aPrivateKeyBlockIsMaskedWhole() {
        String masked =
                LogMask.mask("key -----BEGIN RSA PRIVATE KEY-----\nMIIEow\nIBAAK\n-----END RSA PRIVATE KEY----- end");

        assertThat(masked).isEqualTo("key <private-key> end");
    }
}
