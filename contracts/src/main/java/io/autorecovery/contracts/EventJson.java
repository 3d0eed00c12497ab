package io.autorecovery.contracts;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.ValueInstantiationException;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.stream.Collectors;

/**
 * The JSON form of every event. Readers are tolerant of fields they do not know (a newer writer may
 * add some) and strict about the ones they need; input is bounded in size and nesting.
 */
public final class EventJson {

    /** Largest event payload a reader accepts; larger ones are malformed by definition. */
    public static final int MAX_EVENT_BYTES = 1024 * 1024;

    private static final int MAX_NESTING_DEPTH = 32;

    private static final ObjectMapper MAPPER = JsonMapper.builder(JsonFactory.builder()
                    .streamReadConstraints(StreamReadConstraints.builder()
                            .maxNestingDepth(MAX_NESTING_DEPTH)
                            .maxStringLength(MAX_EVENT_BYTES)
                            .build())
                    .build())
            .addModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .serializationInclusion(JsonInclude.Include.NON_NULL)
            .build();

    private EventJson() {}

    /** The mapper behind this class, for code that reads or writes event-shaped JSON of its own. */
    public static ObjectMapper mapper() {
        return MAPPER;
    }

    public static String write(MeshEvent event) {
        try {
            return MAPPER.writeValueAsString(event);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write " + event.getClass().getSimpleName(), e);
        }
    }

    public static byte[] writeBytes(MeshEvent event) {
        return write(event).getBytes(StandardCharsets.UTF_8);
    }

    public static <T extends MeshEvent> T read(String json, Class<T> type) {
        if (json == null) {
            throw new MalformedEventException("empty record: a " + type.getSimpleName() + " was expected");
        }
        return read(json.getBytes(StandardCharsets.UTF_8), type);
    }

    public static <T extends MeshEvent> T read(byte[] json, Class<T> type) {
        if (json == null || json.length == 0) {
            throw new MalformedEventException("empty record: a " + type.getSimpleName() + " was expected");
        }
        if (json.length > MAX_EVENT_BYTES) {
            throw new MalformedEventException(
                    "record of " + json.length + " bytes exceeds the limit of " + MAX_EVENT_BYTES + " bytes");
        }
        try {
            T event = MAPPER.readValue(json, type);
            if (event == null) {
                throw new MalformedEventException("a JSON null is not a " + type.getSimpleName());
            }
            return event;
        } catch (ValueInstantiationException e) {
            Throwable cause = e.getCause() == null ? e : e.getCause();
            throw new MalformedEventException("invalid " + type.getSimpleName() + ": " + cause.getMessage(), e);
        } catch (MismatchedInputException e) {
            if (e.getPath().isEmpty()) {
                throw new MalformedEventException(
                        "unreadable " + type.getSimpleName() + ": not a JSON object: " + e.getOriginalMessage(), e);
            }
            throw new MalformedEventException(
                    "invalid " + type.getSimpleName() + ": missing or mistyped field '" + fieldPath(e) + "'", e);
        } catch (JsonProcessingException e) {
            throw new MalformedEventException("unreadable " + type.getSimpleName() + ": " + e.getOriginalMessage(), e);
        } catch (IOException e) {
            throw new MalformedEventException("unreadable " + type.getSimpleName() + ": " + e.getMessage(), e);
        }
    }

    private static String fieldPath(MismatchedInputException e) {
        return e.getPath().stream()
                .map(reference ->
                        reference.getFieldName() == null ? "[" + reference.getIndex() + "]" : reference.getFieldName())
                .collect(Collectors.joining("."));
    }

    /** Reads the event that travels on the given topic. */
    public static MeshEvent read(String topic, byte[] json) {
        return read(json, EventType.ofTopic(topic).recordType());
    }
}
