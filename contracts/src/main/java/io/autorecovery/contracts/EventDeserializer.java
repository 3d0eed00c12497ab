package io.autorecovery.contracts;

import org.apache.kafka.common.serialization.Deserializer;

/**
 * Kafka deserializer that reads each record as the event its topic carries. It throws {@link
 * MalformedEventException} for a record that is not such an event.
 */
public class EventDeserializer implements Deserializer<MeshEvent> {

    @Override
    public MeshEvent deserialize(String topic, byte[] data) {
        return data == null ? null : EventJson.read(topic, data);
    }
}
