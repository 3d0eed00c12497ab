package io.autorecovery.incident.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Token entries and the start-up check, without a running service. */
class TokenRegistryTest {

    @Test
    void aServiceWithoutTokensRefusesToStartNamingTheSetting() {
        assertThatThrownBy(() -> TokenRegistry.check(List.of()))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageStartingWith("no viewer token configured: set incident.auth.viewer-tokens");
        List<TokenRegistry.Grant> viewersOnly = List.of(TokenRegistry.grant("vera:0123456789abcdef", false, "viewer"));
        assertThatThrownBy(() -> TokenRegistry.check(viewersOnly))
                .hasMessageStartingWith("no operator token configured: set incident.auth.operator-tokens");
    }

    @Test
    void anEntryNamesItsPersonAndAShortTokenIsRefusedWithoutEchoingIt() {
        assertThat(TokenRegistry.grant("olga:0123456789abcdef", true, "operator")
                        .caller())
                .isEqualTo(new Caller("olga", true));
        assertThat(TokenRegistry.grant("0123456789abcdef", false, "viewer").caller())
                .isEqualTo(new Caller("viewer", false));
        assertThatThrownBy(() -> TokenRegistry.grant("olga:short", true, "operator"))
                .hasMessage("an incident API token of olga is shorter than 16 characters; generate a longer one")
                .message()
                .doesNotContain("short:");
    }
}
