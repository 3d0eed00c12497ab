package io.autorecovery.detector;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class SampleTextTest {

    @Test
    void shouldKeepATextThatFits() {
        assertThat(SampleText.truncate("Pool exhausted", 2000)).isEqualTo("Pool exhausted");
    }

    @Test
    void shouldCutALongTextToTheLimitWithAVisibleMarker() {
        String text = "a".repeat(5000);

        String sample = SampleText.truncate(text, 2000);

        String marker = "… [truncated from 5000 chars]";
        assertThat(sample).hasSize(2000).isEqualTo("a".repeat(2000 - marker.length()) + marker);
    }

    @Test
    void shouldNotSplitACharacterMadeOfTwoCodeUnits() {
        String marker = "… [truncated from 3000 chars]";
        int keep = 200 - marker.length();
        String text = "b".repeat(keep - 1) + "😀" + "c".repeat(3000 - keep - 1);

        assertThat(SampleText.truncate(text, 200)).isEqualTo("b".repeat(keep - 1) + marker);
    }

    @Test
    void shouldJoinMessageAndStackTrace() {
        assertThat(SampleText.of("Boom", "java.lang.IllegalStateException\n\tat A.b(A.java:1)", 2000))
                .isEqualTo("Boom\njava.lang.IllegalStateException\n\tat A.b(A.java:1)");
        assertThat(SampleText.of("Boom", " ", 2000)).isEqualTo("Boom");
        assertThat(SampleText.of("Boom", null, 2000)).isEqualTo("Boom");
    }
}
