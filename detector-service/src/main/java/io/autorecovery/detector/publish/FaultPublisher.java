package io.autorecovery.detector.publish;

import io.autorecovery.contracts.CloudEventHeaders;
import io.autorecovery.contracts.EventJson;
import io.autorecovery.contracts.FaultDetected;
import io.autorecovery.contracts.Topics;
import io.autorecovery.detector.DetectorUnavailableException;
import io.autorecovery.detector.config.DetectorConfig;
import io.smallrye.reactive.messaging.MutinyEmitter;
import io.smallrye.reactive.messaging.kafka.api.OutgoingKafkaRecordMetadata;
import jakarta.enterprise.context.ApplicationScoped;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Message;

/** Sends {@code faults.detected} events, keyed by fingerprint, and waits for the broker to take them. */
@ApplicationScoped
public class FaultPublisher {

    /** The CloudEvents source of every event this service writes. */
    public static final String SOURCE = "detector-service";

    private final MutinyEmitter<String> emitter;
    private final DetectorConfig config;

    FaultPublisher(@Channel(Topics.FAULTS_DETECTED) MutinyEmitter<String> emitter, DetectorConfig config) {
        this.emitter = emitter;
        this.config = config;
    }

    /** Returns once the broker acknowledged the event; throws when it refused or did not answer in time. */
    public void publish(FaultDetected event) {
        OutgoingKafkaRecordMetadata<String> metadata = OutgoingKafkaRecordMetadata.<String>builder()
                .withKey(event.fingerprint())
                .withHeaders(new RecordHeaders(CloudEventHeaders.of(event, SOURCE)))
                .build();
        Message<String> message = Message.of(EventJson.write(event)).addMetadata(metadata);

        try {
            emitter.sendMessage(message).await().atMost(config.publishTimeout());
        } catch (RuntimeException e) {
            throw new DetectorUnavailableException(
                    "the broker did not acknowledge fault " + event.fingerprint() + ": " + e.getMessage(), e);
        }
    }
}
