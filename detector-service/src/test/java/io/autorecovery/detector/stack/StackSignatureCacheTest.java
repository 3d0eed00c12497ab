package io.autorecovery.detector.stack;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Optional;
import org.junit.jupiter.api.Test;

class StackSignatureCacheTest {

    private static String trace(String method) {
        return "java.lang.IllegalStateException: order failed\n"
                + "\tat com.example.orders.OrderService." + method + "(OrderService.java:42)\n"
                + "\tat com.example.orders.OrderResource.post(OrderResource.java:17)\n";
    }

    @Test
    void shouldAnswerAsTheReaderAndReadARepeatedTraceOnce() {
        StackSignatureCache cache = new StackSignatureCache(2, 1_000);

        Optional<StackSignature> first = cache.read(trace("place"));
        Optional<StackSignature> again = cache.read(new String(trace("place")));

        assertThat(first).isEqualTo(StackTraceReader.read(trace("place"))).isPresent();
        assertThat(again.get()).isSameAs(first.get());
        assertThat(cache.read("no exception named here")).isEmpty();
        assertThat(cache.read(null)).isEmpty();
    }

    @Test
    void shouldForgetTheLeastRecentlyUsedTraceAndNotKeepLongOnes() {
        StackSignatureCache cache = new StackSignatureCache(2, 1_000);
        StackSignature place = cache.read(trace("place")).orElseThrow();
        cache.read(trace("cancel"));
        cache.read(trace("place"));
        cache.read(trace("refund"));

        assertThat(cache.read(trace("place")).orElseThrow()).isSameAs(place);
        String longTrace = trace("ship") + "\tat com.example.orders.Filler.fill(Filler.java:1)\n".repeat(40);
        StackSignature longOne = cache.read(longTrace).orElseThrow();
        assertThat(cache.read(longTrace).orElseThrow()).isNotSameAs(longOne).isEqualTo(longOne);
    }
}
