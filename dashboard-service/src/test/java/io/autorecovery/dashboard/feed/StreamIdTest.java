package io.autorecovery.dashboard.feed;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class StreamIdTest {

    @Test
    void readsTheFormRedisWrites() {
        assertThat(StreamId.parse("1796315129788-12")).isEqualTo(new StreamId(1796315129788L, 12));
        assertThat(StreamId.parse("1796315129788-12").toString()).isEqualTo("1796315129788-12");
    }

    @Test
    void ordersByMillisecondsThenBySequence() {
        StreamId first = StreamId.parse("100-9");
        StreamId second = StreamId.parse("101-0");
        StreamId third = StreamId.parse("101-1");

        assertThat(second.isAfter(first)).isTrue();
        assertThat(third.isAfter(second)).isTrue();
        assertThat(first.isAfter(first)).isFalse();
        assertThat(first.isAfter(StreamId.ZERO)).isTrue();
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "",
                "12",
                "12-",
                "-12",
                "a-1",
                "1-1-1",
                "99999999999999999999-0",
                "<script>alert(1)</script>",
                "1-1\nid: 2-2"
            })
    void refusesWhatIsNotAStreamId(String text) {
        assertThatThrownBy(() -> StreamId.parse(text))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("not a stream id: ");
    }
}
