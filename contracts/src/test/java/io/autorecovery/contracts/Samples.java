package io.autorecovery.contracts;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.UUID;

/** The JSON sample of each event, as written by version 1 of the contracts. Services' tests read them too. */
public final class Samples {

    private Samples() {}

    public static String json(EventType type) {
        String path = "/samples/v1/" + type.topic() + ".json";
        try (InputStream in = Samples.class.getResourceAsStream(path)) {
            if (in == null) {
                throw new IllegalStateException("no sample at " + path);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static <T extends MeshEvent> T read(EventType type, Class<T> recordType) {
        return EventJson.read(json(type), recordType);
    }

    /**
     * The sample with a fresh event id and the given fields replaced, for tests that need many
     * distinct events of one kind.
     */
    public static <T extends MeshEvent> T with(EventType type, Class<T> recordType, Map<String, ?> fields) {
        try {
            ObjectNode sample = (ObjectNode) EventJson.mapper().readTree(json(type));
            sample.put("eventId", UUID.randomUUID().toString());
            fields.forEach((name, value) -> sample.set(name, EventJson.mapper().valueToTree(value)));
            return EventJson.read(sample.toString(), recordType);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
