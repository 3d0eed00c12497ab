package io.autorecovery.contracts;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

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
}
