package io.autorecovery.detector.stack;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Optional;
import org.junit.jupiter.api.Test;

class RecentTracesTest {

    private static String trace(String method) {
        return "java.lang.IllegalStateException: order failed\n"
                + "\tat com.example.orders.OrderService." + method + "(OrderService.java:42)\n"
                + "\tat com.example.orders.OrderResource.post(OrderResource.java:17)\n";
    }

    @Test
    void shouldAnswerAsTheReaderAndReadARepeatedTraceOnce() {
        RecentTraces<Optional<StackSignature>> cache = new RecentTraces<>(10_000, 1_000);

        Optional<StackSignature> first = read(cache, trace("place"));
        Optional<StackSignature> again = read(cache, new String(trace("place")));

        assertThat(first).isEqualTo(StackTraceReader.read(trace("place"))).isPresent();
        assertThat(again.get()).isSameAs(first.get());
        assertThat(read(cache, "no exception named here")).isEmpty();
        assertThat(read(cache, null)).isEmpty();
    }

    @Test
    void shouldForgetTheLeastRecentlyUsedTraceAndNotKeepLongOnes() {
        // Room for two traces of these lengths, not three.
        RecentTraces<Optional<StackSignature>> cache =
                new RecentTraces<>(2 * trace("cancel").length() + 1, 1_000);
        StackSignature place = read(cache, trace("place")).orElseThrow();
        read(cache, trace("cancel"));
        read(cache, trace("place"));
        read(cache, trace("refund"));

        assertThat(read(cache, trace("place")).orElseThrow()).isSameAs(place);
        StackSignature refund = read(cache, trace("refund")).orElseThrow();
        assertThat(read(cache, trace("refund")).orElseThrow()).isSameAs(refund);
        StackSignature cancel = read(cache, trace("cancel")).orElseThrow();
        assertThat(read(cache, trace("cancel")).orElseThrow()).isSameAs(cancel);
        assertThat(read(cache, trace("place")).orElseThrow())
                .as("forgotten as the least recently used")
                .isNotSameAs(place)
                .isEqualTo(place);
        String longTrace = trace("ship") + "\tat com.example.orders.Filler.fill(Filler.java:1)\n".repeat(40);
        StackSignature longOne = read(cache, longTrace).orElseThrow();
        assertThat(read(cache, longTrace).orElseThrow()).isNotSameAs(longOne).isEqualTo(longOne);
    }

    private static Optional<StackSignature> read(RecentTraces<Optional<StackSignature>> cache, String trace) {
        return cache.of(trace, StackTraceReader::read);
    }
}
