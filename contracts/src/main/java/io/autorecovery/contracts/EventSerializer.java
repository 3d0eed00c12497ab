package io.autorecovery.contracts;

import org.apache.kafka.common.serialization.Serializer;

/** Kafka serializer for every mesh event. */
public class EventSerializer implements Serializer<MeshEvent> {

    @Override
    public byte[] serialize(String topic, MeshEvent event) {
        return event == null ? null : EventJson.writeBytes(event);
    }
}
