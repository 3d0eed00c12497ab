package io.autorecovery.detector.support;

import io.autorecovery.contracts.Topics;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.serialization.StringSerializer;
import org.eclipse.microprofile.config.ConfigProvider;

/**
 * Points the detector at the real broker with a consumer group of its own, whose offsets start at
 * the current end of {@code logs.raw}: the test reads only the records it writes, and never takes
 * partitions from a detector that may be running on the same broker.
 */
public class RealBroker implements QuarkusTestResourceLifecycleManager {

    private final String group = "detector-service-test-" + UUID.randomUUID();

    public static String bootstrapServers() {
        return Optional.ofNullable(System.getenv("KAFKA_BOOTSTRAP_SERVERS")).orElse("localhost:9092");
    }

    @Override
    public Map<String, String> start() {
        try (Admin admin = admin()) {
            createMissing(admin, Topics.LOGS_RAW, Topics.deadLetter(Topics.LOGS_RAW), Topics.FAULTS_DETECTED);
            admin.alterConsumerGroupOffsets(group, endOffsets(admin, Topics.LOGS_RAW))
                    .all()
                    .get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } catch (ExecutionException e) {
            throw new IllegalStateException("cannot prepare the broker at " + bootstrapServers(), e);
        }

        return Map.of("detector.logs-raw.group-id", group);
    }

    @Override
    public void stop() {
        try (Admin admin = admin()) {
            admin.deleteConsumerGroups(List.of(group)).all().get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (ExecutionException e) {
            // An empty group the broker keeps expires with its offsets; nothing depends on it.
        }
    }

    /** The offset the detector's consumer group (of the running test) committed on a partition, or -1. */
    public static long committed(TopicPartition partition) throws Exception {
        String group = ConfigProvider.getConfig().getValue("detector.logs-raw.group-id", String.class);
        try (Admin admin = admin()) {
            OffsetAndMetadata offset = admin.listConsumerGroupOffsets(group)
                    .partitionsToOffsetAndMetadata()
                    .get()
                    .get(partition);
            return offset == null ? -1 : offset.offset();
        }
    }

    /** A producer of plain text records on the broker, sending what it is given within lingerMillis. */
    public static KafkaProducer<String, String> producer(int lingerMillis) {
        return new KafkaProducer<>(
                Map.of(
                        ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
                        bootstrapServers(),
                        ProducerConfig.LINGER_MS_CONFIG,
                        lingerMillis),
                new StringSerializer(),
                new StringSerializer());
    }

    private static Admin admin() {
        return Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers()));
    }

    private static void createMissing(Admin admin, String... topics) throws InterruptedException, ExecutionException {
        List<NewTopic> newTopics = java.util.Arrays.stream(topics)
                .map(topic -> new NewTopic(topic, Optional.empty(), Optional.empty()))
                .toList();
        try {
            admin.createTopics(newTopics).all().get();
        } catch (ExecutionException e) {
            if (!(e.getCause() instanceof TopicExistsException)) {
                throw e;
            }
        }
    }

    private static Map<TopicPartition, OffsetAndMetadata> endOffsets(Admin admin, String topic)
            throws InterruptedException, ExecutionException {
        Map<TopicPartition, OffsetSpec> partitions =
                admin.describeTopics(List.of(topic)).allTopicNames().get().get(topic).partitions().stream()
                        .collect(Collectors.toMap(
                                p -> new TopicPartition(topic, p.partition()), p -> OffsetSpec.latest()));

        return admin.listOffsets(partitions).all().get().entrySet().stream()
                .collect(Collectors.toMap(
                        Map.Entry::getKey,
                        e -> new OffsetAndMetadata(e.getValue().offset())));
    }
}
