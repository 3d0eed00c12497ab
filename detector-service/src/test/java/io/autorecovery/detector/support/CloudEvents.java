package io.autorecovery.detector.support;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.kafka.common.header.Header;

/** Kafka headers as a name-to-text map, for whole-map assertions. */
public final class CloudEvents {

    private CloudEvents() {}

    public static Map<String, String> asMap(Iterable<? extends Header> headers) {
        Map<String, String> map = new LinkedHashMap<>();
        for (Header header : headers) {
            map.put(header.key(), new String(header.value(), StandardCharsets.UTF_8));
        }
        return map;
    }
}
