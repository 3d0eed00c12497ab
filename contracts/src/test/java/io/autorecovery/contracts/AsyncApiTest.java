package io.autorecovery.contracts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.InputStream;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** The AsyncAPI document describes exactly the topics, keys and records in this module. */
class AsyncApiTest {

    private static JsonNode asyncApi;

    @BeforeAll
    static void readDocument() throws Exception {
        try (InputStream in = AsyncApiTest.class.getResourceAsStream("/asyncapi.yaml")) {
            asyncApi = new ObjectMapper(new YAMLFactory()).readTree(in);
        }
    }

    @Test
    void describesEveryTopicAndNoOther() {
        Set<String> addresses = new HashSet<>();
        asyncApi.get("channels")
                .forEach(channel -> addresses.add(channel.get("address").asText()));

        Set<String> topics = new HashSet<>();
        Arrays.stream(EventType.values()).forEach(type -> topics.add(type.topic()));
        assertThat(addresses).isEqualTo(topics);
    }

    @ParameterizedTest
    @EnumSource(EventType.class)
    void eachTopicNamesItsKeyAndPayload(EventType type) {
        JsonNode channel = channelOf(type.topic());
        String messageName = type.recordType().getSimpleName();
        JsonNode message = asyncApi.at("/components/messages/" + messageName);

        assertThat(channel.at("/messages/" + messageName + "/$ref").asText())
                .isEqualTo("#/components/messages/" + messageName);
        assertThat(message.at("/payload/$ref").asText()).isEqualTo("#/components/schemas/" + messageName);
        assertThat(message.at("/bindings/kafka/key/type").asText()).isEqualTo("string");
        assertThat(message.at("/bindings/kafka/key/description").asText()).isNotBlank();
    }

    @ParameterizedTest
    @EnumSource(EventType.class)
    void payloadSchemaMatchesTheRecord(EventType type) {
        assertSchemaMatches(type.recordType());
    }

    @Test
    void nestedSchemasMatchTheirRecords() {
        assertSchemaMatches(Evidence.class);
        assertSchemaMatches(Verification.class);
    }

    @ParameterizedTest
    @EnumSource(EventType.class)
    void requiredFieldsAreExactlyThoseReadersRefuseToMiss(EventType type) throws Exception {
        JsonNode schema = schemaOf(type.recordType());
        Set<String> required = new HashSet<>();
        schema.path("required").forEach(field -> required.add(field.asText()));
        ObjectNode sample = (ObjectNode) EventJson.mapper().readTree(Samples.json(type));

        for (String field : fieldNames(schema)) {
            ObjectNode without = sample.deepCopy();
            without.remove(field);
            String json = without.toString();
            if (required.contains(field)) {
                assertThatThrownBy(() -> EventJson.read(json, type.recordType()))
                        .as("reading %s without required '%s'", type, field)
                        .isInstanceOf(MalformedEventException.class);
            } else {
                assertThatCode(() -> EventJson.read(json, type.recordType()))
                        .as("reading %s without optional '%s'", type, field)
                        .doesNotThrowAnyException();
            }
        }
    }

    private static void assertSchemaMatches(Class<?> recordType) {
        JsonNode schema = schemaOf(recordType);
        List<String> components = Arrays.stream(recordType.getRecordComponents())
                .map(RecordComponent::getName)
                .toList();

        assertThat(fieldNames(schema)).containsExactlyElementsOf(components);
        for (RecordComponent component : recordType.getRecordComponents()) {
            JsonNode property = schema.at("/properties/" + component.getName());
            assertPropertyMatches(recordType.getSimpleName() + "." + component.getName(), property, component);
        }
    }

    private static void assertPropertyMatches(String where, JsonNode property, RecordComponent component) {
        Class<?> type = component.getType();
        if (type == List.class) {
            assertThat(property.get("type").asText()).as(where).isEqualTo("array");
            Type item = ((ParameterizedType) component.getGenericType()).getActualTypeArguments()[0];
            assertScalarMatches(where + "[]", property.get("items"), (Class<?>) item);
            return;
        }
        assertScalarMatches(where, property, type);
    }

    private static void assertScalarMatches(String where, JsonNode property, Class<?> type) {
        if (type.isRecord()) {
            assertThat(property.path("$ref").asText())
                    .as(where)
                    .isEqualTo("#/components/schemas/" + type.getSimpleName());
        } else if (type.isEnum()) {
            List<String> values = new ArrayList<>();
            property.get("enum").forEach(value -> values.add(value.asText()));
            List<String> constants = Arrays.stream(type.getEnumConstants())
                    .map(constant ->
                            constant instanceof FaultClass faultClass ? faultClass.code() : constant.toString())
                    .toList();
            assertThat(values).as(where).containsExactlyElementsOf(constants);
        } else {
            assertThat(property.path("type").asText()).as(where).isEqualTo(jsonType(type));
        }
        if (type == UUID.class) {
            assertThat(property.path("format").asText()).as(where).isEqualTo("uuid");
        } else if (type == Instant.class) {
            assertThat(property.path("format").asText()).as(where).isEqualTo("date-time");
        }
    }

    private static String jsonType(Class<?> type) {
        if (type == int.class || type == long.class) {
            return "integer";
        }
        if (type == double.class) {
            return "number";
        }
        if (type == boolean.class) {
            return "boolean";
        }
        return "string";
    }

    private static JsonNode channelOf(String topic) {
        return StreamSupport.stream(asyncApi.get("channels").spliterator(), false)
                .filter(channel -> channel.get("address").asText().equals(topic))
                .findFirst()
                .orElseThrow();
    }

    private static JsonNode schemaOf(Class<?> recordType) {
        JsonNode schema = asyncApi.at("/components/schemas/" + recordType.getSimpleName());
        assertThat(schema.isMissingNode())
                .as("schema of %s", recordType.getSimpleName())
                .isFalse();
        return schema;
    }

    private static List<String> fieldNames(JsonNode schema) {
        Set<String> names = new LinkedHashSet<>();
        schema.get("properties").fieldNames().forEachRemaining(names::add);
        return List.copyOf(names);
    }
}
