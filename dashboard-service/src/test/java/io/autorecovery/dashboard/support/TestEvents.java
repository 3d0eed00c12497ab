package io.autorecovery.dashboard.support;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.autorecovery.contracts.EventJson;
import io.autorecovery.contracts.EventType;
import io.autorecovery.contracts.IncidentCreated;
import io.autorecovery.contracts.Samples;
import java.util.UUID;

/** Events for tests, made from the contract samples, and the JSON a browser should receive. */
public final class TestEvents {

    private static final ObjectMapper JSON = EventJson.mapper();

    private TestEvents() {}

    /** The sample of the topic with a fresh event id, as JSON. */
    public static String sampleWithNewId(EventType type) {
        ObjectNode sample = sampleTree(type);
        sample.put("eventId", UUID.randomUUID().toString());
        return sample.toString();
    }

    public static ObjectNode sampleTree(EventType type) {
        return (ObjectNode) tree(Samples.json(type));
    }

    /** The incident-created sample with a fresh event id and the given title. */
    public static IncidentCreated incidentCreated(String title) {
        IncidentCreated sample = Samples.read(EventType.INCIDENT_CREATED, IncidentCreated.class);
        return new IncidentCreated(
                UUID.randomUUID(),
                sample.occurredAt(),
                sample.version(),
                sample.incidentId(),
                sample.fingerprint(),
                sample.service(),
                title,
                sample.faultClass(),
                sample.severity(),
                sample.status(),
                sample.occurrences(),
                sample.firstSeen(),
                sample.lastSeen(),
                sample.samples());
    }

    /** The data of the server-sent event that carries this event JSON. */
    public static JsonNode envelope(String topic, String subject, String eventJson) {
        ObjectNode envelope = JSON.createObjectNode();
        envelope.put("topic", topic);
        envelope.put("subject", subject);
        envelope.set("event", tree(eventJson));
        return envelope;
    }

    public static JsonNode tree(String json) {
        try {
            return JSON.readTree(json);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("not JSON: " + e.getOriginalMessage(), e);
        }
    }
}
