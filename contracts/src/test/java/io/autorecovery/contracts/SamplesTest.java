package io.autorecovery.contracts;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Every version-1 sample still reads, and writing it back loses nothing. */
class SamplesTest {

    @ParameterizedTest
    @EnumSource(EventType.class)
    void readsTheVersionOneSampleAndWritesItBackUnchanged(EventType type) throws Exception {
        String sample = Samples.json(type);

        MeshEvent event = EventJson.read(type.topic(), sample.getBytes(StandardCharsets.UTF_8));

        assertThat(event).isInstanceOf(type.recordType());
        assertThat(event.version()).isEqualTo(1);
        JsonNode written = EventJson.mapper().readTree(EventJson.write(event));
        assertThat(written).isEqualTo(EventJson.mapper().readTree(sample));
    }

    @ParameterizedTest
    @EnumSource(EventType.class)
    void serdeRoundTripsThroughKafkaSerializers(EventType type) {
        MeshEvent event = Samples.read(type, type.recordType());

        byte[] bytes = new EventSerializer().serialize(type.topic(), event);
        MeshEvent back = new EventDeserializer().deserialize(type.topic(), bytes);

        assertThat(back).isEqualTo(event);
    }
}
