package io.autorecovery.detector.support;

import static org.awaitility.Awaitility.await;

import io.autorecovery.contracts.EventJson;
import io.autorecovery.contracts.FaultDetected;
import io.smallrye.reactive.messaging.kafka.api.OutgoingKafkaRecordMetadata;
import io.smallrye.reactive.messaging.memory.InMemorySink;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.eclipse.microprofile.reactive.messaging.Message;

/** The in-memory {@code faults.detected} channel, read one service at a time. */
public final class FaultSink {

    private final InMemorySink<String> sink;

    public FaultSink(InMemorySink<String> sink) {
        this.sink = sink;
    }

    /** Every event emitted so far for the service, in order. */
    public List<Sent> of(String service) {
        return sink.received().stream()
                .map(Sent::of)
                .filter(sent -> sent.event().service().equals(service))
                .toList();
    }

    /** Waits for the first event of the service. */
    public Sent awaitFirst(String service) {
        return await().atMost(Duration.ofSeconds(15))
                .until(() -> of(service), sent -> !sent.isEmpty())
                .get(0);
    }

    /** One emitted event with the Kafka key and headers it would travel with. */
    public record Sent(FaultDetected event, String key, Map<String, String> headers) {

        static Sent of(Message<String> message) {
            @SuppressWarnings("unchecked")
            OutgoingKafkaRecordMetadata<String> metadata = message.getMetadata(OutgoingKafkaRecordMetadata.class)
                    .orElseThrow(() -> new AssertionError("no Kafka metadata on " + message.getPayload()));

            return new Sent(
                    EventJson.read(message.getPayload(), FaultDetected.class),
                    metadata.getKey(),
                    CloudEvents.asMap(metadata.getHeaders()));
        }
    }
}
