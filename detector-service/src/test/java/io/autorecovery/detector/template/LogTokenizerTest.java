package io.autorecovery.detector.template;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class LogTokenizerTest {

    private static String template(String message) {
        return String.join(" ", LogTokenizer.tokenize(message).tokens());
    }

    @Test
    void shouldMaskEachVariableShapeWithTheRuleThatCaughtIt() {
        TokenizedLine line = LogTokenizer.tokenize("GET https://shop.example/cart from 10.1.2.3:8080 took 250ms "
                + "reading /var/data/orders.db for 123e4567-e89b-12d3-a456-426614174000 at 0x7ffe attempt 3 "
                + "trace 9f8e7d6c5b4a node7 user='Ann Lee'");

        assertThat(String.join(" ", line.tokens()))
                .isEqualTo("GET <*> from <*> took <*> reading <*> for <*> at <*> attempt <*> trace <*> <*> user=<*>");
        assertThat(line.maskedTokens())
                .containsExactly(
                        new MaskedToken(1, "https://shop.example/cart", "<*>", MaskRule.URL),
                        new MaskedToken(3, "10.1.2.3:8080", "<*>", MaskRule.IP),
                        new MaskedToken(5, "250ms", "<*>", MaskRule.DURATION),
                        new MaskedToken(7, "/var/data/orders.db", "<*>", MaskRule.PATH),
                        new MaskedToken(9, "123e4567-e89b-12d3-a456-426614174000", "<*>", MaskRule.UUID),
                        new MaskedToken(11, "0x7ffe", "<*>", MaskRule.HEX),
                        new MaskedToken(13, "3", "<*>", MaskRule.NUMBER),
                        new MaskedToken(15, "9f8e7d6c5b4a", "<*>", MaskRule.HEX),
                        new MaskedToken(16, "node7", "<*>", MaskRule.WITH_DIGITS),
                        new MaskedToken(17, "user='Ann Lee'", "user=<*>", MaskRule.QUOTED));
        assertThat(line.truncated()).isFalse();
    }

    @Test
    void shouldMaskOnlyTheVariablePartsBetweenDelimiters() {
        assertThat(template("cancelNotification,index:0 state=RUNNING pool=db-3 ids=[4|5]"))
                .isEqualTo("cancelNotification,index:<*> state=RUNNING pool=<*> ids=[<*>|<*>]");
        assertThat(template("from 10.0.0.1,10.0.0.2 at 16:13:38")).isEqualTo("from <*> at <*>");
    }

    @Test
    void shouldKeepWordsAndCollapseWhitespace() {
        assertThat(template("  Connection\treset by   peer  ")).isEqualTo("Connection reset by peer");
        assertThat(LogTokenizer.tokenize("").tokens()).isEmpty();
        assertThat(LogTokenizer.tokenize(null).tokens()).isEmpty();
    }

    @Test
    void shouldTruncateATenMegabyteLineVisibly() {
        String huge = "payload ".repeat(10 * 1024 * 1024 / 8);

        TokenizedLine line = LogTokenizer.tokenize(huge);

        assertThat(line.truncated()).isTrue();
        assertThat(line.tokens()).hasSize(LogTokenizer.MAX_TOKENS);
        assertThat(List.of(line.tokens())).containsOnly("payload");
    }

    @Test
    void shouldTakeReplacementCharactersAndControlBytesAsPlainText() {
        String decodedFromBadUtf8 = "bad \uFFFD\uFFFD bytes \u0000\u0001\u0007 end 42";

        assertThat(template(decodedFromBadUtf8)).isEqualTo("bad \uFFFD\uFFFD bytes \u0000\u0001\u0007 end <*>");
    }

    @Test
    void shouldKeepAQuotedValueWithSpacesAsOneToken() {
        assertThat(template("acquire lock tag=\"View Lock\" name=systemui"))
                .isEqualTo("acquire lock tag=<*> name=systemui");
    }
}
