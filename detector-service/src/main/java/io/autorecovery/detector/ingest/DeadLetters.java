package io.autorecovery.detector.ingest;

import io.quarkus.logging.Log;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/**
 * Puts the records of a topic that could not be handled on its dead-letter topic, unchanged (key,
 * value, headers), with where they came from and why in {@code dead-letter-*} headers: the same
 * headers as on every other dead-letter topic of the mesh. The producer starts with the first
 * rejected record.
 */
final class DeadLetters {

    /** Longest reason kept in a header; a longer one is cut with a marker. */
    static final int MAX_REASON_CHARS = 1000;

    private final Map<String, Object> kafka;
    private final String topic;
    private final String deadLetterTopic;
    private Producer<byte[], byte[]> producer;
    private boolean closed;

    DeadLetters(Map<String, Object> kafka, String topic, String deadLetterTopic) {
        this.kafka = kafka;
        this.topic = topic;
        this.deadLetterTopic = deadLetterTopic;
    }

    /** Sends the record; runs onSent once the broker has it, and never when it fails (which is logged). */
    void send(ConsumerRecord<byte[], byte[]> record, Throwable reason, Runnable onSent) {
        Headers headers = new RecordHeaders(record.headers().toArray());
        header(headers, "dead-letter-reason", reasonOf(reason));
        header(headers, "dead-letter-exception-class-name", reason.getClass().getName());
        if (reason.getCause() != null) {
            header(headers, "dead-letter-cause", reasonOf(reason.getCause()));
            header(
                    headers,
                    "dead-letter-cause-class-name",
                    reason.getCause().getClass().getName());
        }
        header(headers, "dead-letter-topic", record.topic());
        header(headers, "dead-letter-partition", Integer.toString(record.partition()));
        header(headers, "dead-letter-offset", Long.toString(record.offset()));
        ProducerRecord<byte[], byte[]> dead =
                new ProducerRecord<>(deadLetterTopic, null, record.key(), record.value(), headers);
        try {
            producer().send(dead, (metadata, failure) -> {
                if (failure == null) {
                    onSent.run();
                } else {
                    Log.errorf(
                            "A record of %s could not be put on %s and will be read again after a restart: %s",
                            topic, deadLetterTopic, failure.getMessage());
                }
            });
        } catch (RuntimeException e) {
            Log.errorf(
                    "A record of %s could not be put on %s and will be read again after a restart: %s",
                    topic, deadLetterTopic, e.getMessage());
        }
    }

    synchronized void close() {
        closed = true;
        if (producer != null) {
            producer.close();
            producer = null;
        }
    }

    private synchronized Producer<byte[], byte[]> producer() {
        if (closed) {
            throw new IllegalStateException("the service is stopping");
        }
        if (producer == null) {
            Map<String, Object> config = new HashMap<>(kafka);
            config.put(ProducerConfig.ACKS_CONFIG, "all");
            config.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
            config.putIfAbsent(ProducerConfig.CLIENT_ID_CONFIG, "detector-" + deadLetterTopic);
            producer = new KafkaProducer<>(config, new ByteArraySerializer(), new ByteArraySerializer());
        }
        return producer;
    }

    private static String reasonOf(Throwable reason) {
        String message = reason.getMessage() == null ? reason.getClass().getName() : reason.getMessage();
        return message.length() <= MAX_REASON_CHARS ? message : message.substring(0, MAX_REASON_CHARS) + "… [cut]";
    }

    private static void header(Headers headers, String name, String value) {
        headers.remove(name);
        headers.add(name, value.getBytes(StandardCharsets.UTF_8));
    }
}
