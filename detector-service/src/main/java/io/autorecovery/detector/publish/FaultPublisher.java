package io.autorecovery.detector.publish;

import io.autorecovery.contracts.CloudEventHeaders;
import io.autorecovery.contracts.EventJson;
import io.autorecovery.contracts.FaultDetected;
import io.autorecovery.contracts.Topics;
import io.smallrye.reactive.messaging.MutinyEmitter;
import io.smallrye.reactive.messaging.kafka.api.OutgoingKafkaRecordMetadata;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.concurrent.CompletionStage;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Message;

/** Sends {@code faults.detected} events, keyed by fingerprint; the caller waits for the broker to take them. */
@ApplicationScoped
public class FaultPublisher {

    /** The CloudEvents source of every event this service writes. */
    public static final String SOURCE = "detector-service";

    private final MutinyEmitter<String> emitter;

    FaultPublisher(@Channel(Topics.FAULTS_DETECTED) MutinyEmitter<String> emitter) {
        this.emitter = emitter;
    }

    /** Starts sending the event; the stage completes once the broker acknowledged it. */
    public CompletionStage<Void> send(FaultDetected event) {
        OutgoingKafkaRecordMetadata<String> metadata = OutgoingKafkaRecordMetadata.<String>builder()
                .withKey(event.fingerprint())
                .withHeaders(new RecordHeaders(CloudEventHeaders.of(event, SOURCE)))
                .build();
        Message<String> message = Message.of(EventJson.write(event)).addMetadata(metadata);

        return emitter.sendMessage(message).subscribeAsCompletionStage();
    }
}
