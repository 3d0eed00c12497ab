package io.autorecovery.dashboard.rest;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import io.autorecovery.dashboard.feed.FeedEntry;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.util.concurrent.atomic.AtomicReferenceArray;

/**
 * The {@code data} of the server-sent event that carries a feed entry:
 * {@code {"topic": ..., "subject": ..., "event": {...}}} on one line, with no markup characters.
 */
final class EventData {

    private static final JsonFactory JSON = new JsonFactory();

    /** Slots of the cache of recent entries' data; a power of two. */
    private static final int CACHE_SLOTS = 256;

    /**
     * The data of recent entries, so that an entry fanned out to thousands of connections is
     * written as JSON once. Lock-free; a slot taken by another entry only costs a recomputation.
     */
    private static final AtomicReferenceArray<Formatted> RECENT = new AtomicReferenceArray<>(CACHE_SLOTS);

    private record Formatted(FeedEntry entry, String data) {}

    private EventData() {}

    /** The data of the entry, from the cache when another connection has just sent it. */
    static String of(FeedEntry entry) {
        int slot = Long.hashCode(entry.id().millis() * 31 + entry.id().sequence()) & (CACHE_SLOTS - 1);
        Formatted recent = RECENT.get(slot);
        if (recent != null && recent.entry().equals(entry)) {
            return recent.data();
        }
        String data = format(entry);
        RECENT.set(slot, new Formatted(entry, data));
        return data;
    }

    private static String format(FeedEntry entry) {
        StringWriter text = new StringWriter(entry.payload().length() + 128);
        try (JsonGenerator json = JSON.createGenerator(text)) {
            json.writeStartObject();
            json.writeStringField("topic", entry.topic());
            json.writeStringField("subject", entry.subject());
            json.writeFieldName("event");
            json.writeRawValue(entry.payload());
            json.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return withoutMarkup(text.toString());
    }

    /**
     * Escapes '<', '>' and '&'. In JSON they can only stand inside strings, where the escaped form
     * reads back as the same text; so the JSON is unchanged while no tag survives in the stream,
     * whatever a client does with it.
     */
    static String withoutMarkup(String json) {
        StringBuilder escaped = new StringBuilder(json.length() + 16);
        for (int i = 0; i < json.length(); i++) {
            char c = json.charAt(i);
            switch (c) {
                case '<' -> escaped.append("\\u003c");
                case '>' -> escaped.append("\\u003e");
                case '&' -> escaped.append("\\u0026");
                default -> escaped.append(c);
            }
        }
        return escaped.toString();
    }
}
