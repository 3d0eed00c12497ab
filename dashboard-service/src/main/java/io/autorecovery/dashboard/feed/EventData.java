package io.autorecovery.dashboard.feed;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;

/**
 * The {@code data} of the server-sent event that carries a feed entry:
 * {@code {"topic": ..., "subject": ..., "event": {...}}} on one line, with no markup characters.
 */
final class EventData {

    private static final JsonFactory JSON = new JsonFactory();

    private EventData() {}

    static String of(FeedEntry entry) {
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
