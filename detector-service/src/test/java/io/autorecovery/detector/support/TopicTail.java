package io.autorecovery.detector.support;

import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;

/** Reads a topic from its end as it was when the tail was opened, so a test sees only what came after. */
public final class TopicTail implements AutoCloseable {

    private final KafkaConsumer<String, String> consumer;

    private TopicTail(KafkaConsumer<String, String> consumer) {
        this.consumer = consumer;
    }

    public static TopicTail of(String topic) {
        return of(topic, StandardCharsets.UTF_8);
    }

    /** Values read in the given charset: ISO-8859-1 gives one character per byte, whatever the bytes. */
    public static TopicTail of(String topic, Charset values) {
        StringDeserializer valueDeserializer = new StringDeserializer();
        valueDeserializer.configure(Map.of("value.deserializer.encoding", values.name()), false);
        KafkaConsumer<String, String> consumer = new KafkaConsumer<>(
                Map.of(
                        ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG,
                        RealBroker.bootstrapServers(),
                        ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG,
                        "false"),
                new StringDeserializer(),
                valueDeserializer);
        List<TopicPartition> partitions = consumer.partitionsFor(topic, Duration.ofSeconds(10)).stream()
                .map(info -> new TopicPartition(topic, info.partition()))
                .toList();
        consumer.assign(partitions);
        consumer.seekToEnd(partitions);
        // Positions are resolved lazily; resolving them now pins the starting point before the test acts.
        partitions.forEach(consumer::position);

        return new TopicTail(consumer);
    }

    /** The first record after the starting point that matches, waiting up to the timeout. */
    public ConsumerRecord<String, String> await(Predicate<ConsumerRecord<String, String>> matches, Duration timeout) {
        Instant deadline = Instant.now().plus(timeout);
        while (Instant.now().isBefore(deadline)) {
            for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(200))) {
                if (matches.test(record)) {
                    return record;
                }
            }
        }
        throw new AssertionError("no matching record on " + consumer.assignment() + " within " + timeout);
    }

    @Override
    public void close() {
        consumer.close();
    }
}
