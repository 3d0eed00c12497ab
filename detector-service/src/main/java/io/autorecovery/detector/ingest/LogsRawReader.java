package io.autorecovery.detector.ingest;

import io.autorecovery.detector.config.DetectorConfig;
import io.quarkus.logging.Log;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.common.annotation.Identifier;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRebalanceListener;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/**
 * Reads {@code logs.raw} with a Kafka consumer of its own and hands each poll to {@link
 * LogRecordConsumer}. The detector's busiest input, read at the broker's pace: a record costs one
 * small object here besides its reading and handling.
 *
 * <p>Offsets are committed per partition up to the first record not yet settled, so a restart reads
 * again every record still waiting for its continuations, for the handling threads, or for the
 * dead-letter topic to take it. A rejected record is settled once the dead-letter topic has it; when
 * that fails, the partition's commits stop there and a restart reads it again. While too many records
 * wait to be handled, every assigned partition is paused.
 */
@ApplicationScoped
public class LogsRawReader {

    /** Commits at most this often; a poll that returns nothing commits too. */
    private static final long COMMIT_INTERVAL_NANOS = TimeUnit.MILLISECONDS.toNanos(100);

    /** Wait before connecting again after the consumer failed. */
    private static final Duration RETRY_DELAY = Duration.ofSeconds(5);

    private final LogRecordConsumer handler;
    private final DetectorConfig.LogsRaw settings;
    private final Map<String, Object> kafka;
    private final DeadLetters deadLetters;
    private final Map<TopicPartition, Ledger> ledgers = new HashMap<>();
    private volatile boolean running;
    private volatile KafkaConsumer<byte[], byte[]> consumer;
    private volatile String problem = "not started";
    private Thread thread;
    private boolean paused;
    private long lastCommit;

    LogsRawReader(
            LogRecordConsumer handler,
            DetectorConfig config,
            @Identifier("default-kafka-broker") Map<String, Object> kafka) {
        this.handler = handler;
        this.settings = config.logsRaw();
        this.kafka = kafka;
        this.deadLetters = new DeadLetters(kafka, settings.topic(), settings.deadLetterTopic());
    }

    void start(@Observes StartupEvent event) {
        if (!settings.enabled()) {
            problem = null;
            return;
        }
        running = true;
        thread = new Thread(this::run, "logs-raw-reader");
        thread.setDaemon(true);
        thread.start();
    }

    /** Stops reading and commits what is settled; what is not is read again after a restart. */
    void stop(@Observes ShutdownEvent event) throws InterruptedException {
        running = false;
        KafkaConsumer<byte[], byte[]> current = consumer;
        if (current != null) {
            current.wakeup();
        }
        if (thread != null) {
            thread.join(TimeUnit.SECONDS.toMillis(10));
        }
        deadLetters.close();
    }

    /** Why the reader is not reading, or null while it is (or when it is turned off). */
    public String problem() {
        return problem;
    }

    private void run() {
        while (running) {
            try (KafkaConsumer<byte[], byte[]> opened =
                    new KafkaConsumer<>(consumerConfig(), new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
                consumer = opened;
                opened.subscribe(List.of(settings.topic()), new Rebalance(opened));
                problem = null;
                read(opened);
                commitSettled(opened, true);
            } catch (WakeupException e) {
                // Stopping.
            } catch (RuntimeException e) {
                problem = "reading " + settings.topic() + " failed: " + e.getMessage();
                Log.errorf("Reading %s failed, connecting again in %s: %s", settings.topic(), RETRY_DELAY, e);
                ledgers.clear();
                paused = false;
                pause(RETRY_DELAY);
            } finally {
                consumer = null;
            }
        }
    }

    private void read(KafkaConsumer<byte[], byte[]> opened) {
        while (running) {
            ConsumerRecords<byte[], byte[]> records = opened.poll(settings.pollTimeout());
            if (!records.isEmpty() && !hand(records)) {
                paused = true;
            }
            if (paused) {
                if (handler.hasRoom()) {
                    opened.resume(opened.assignment());
                    paused = false;
                } else {
                    // Partitions assigned since the pause are paused too.
                    opened.pause(opened.assignment());
                }
            }
            if (records.isEmpty() || System.nanoTime() - lastCommit >= COMMIT_INTERVAL_NANOS) {
                commitSettled(opened, false);
            }
        }
    }

    /** Hands the poll's records over; answers whether more may come now. */
    private boolean hand(ConsumerRecords<byte[], byte[]> records) {
        List<Delivery> deliveries = new ArrayList<>(records.count());
        for (TopicPartition partition : records.partitions()) {
            List<ConsumerRecord<byte[], byte[]>> ofPartition = records.records(partition);
            Ledger ledger = ledgers.computeIfAbsent(partition, ignored -> new Ledger());
            Chunk chunk = ledger.open(ofPartition.get(ofPartition.size() - 1).offset() + 1, ofPartition.size());
            for (ConsumerRecord<byte[], byte[]> record : ofPartition) {
                deliveries.add(new KafkaDelivery(record, chunk, deadLetters));
            }
        }
        return handler.accept(deliveries);
    }

    private void commitSettled(KafkaConsumer<byte[], byte[]> opened, boolean wait) {
        lastCommit = System.nanoTime();
        Map<TopicPartition, OffsetAndMetadata> offsets = settledOffsets(ledgers.keySet());
        if (offsets.isEmpty()) {
            return;
        }
        if (wait) {
            opened.commitSync(offsets);
        } else {
            opened.commitAsync(offsets, (committed, failure) -> {
                if (failure != null) {
                    // The next commit carries the same offsets or later ones.
                    Log.debugf("Committing offsets of %s failed: %s", settings.topic(), failure.getMessage());
                }
            });
        }
    }

    private Map<TopicPartition, OffsetAndMetadata> settledOffsets(Collection<TopicPartition> partitions) {
        Map<TopicPartition, OffsetAndMetadata> offsets = new HashMap<>();
        for (TopicPartition partition : partitions) {
            Ledger ledger = ledgers.get(partition);
            long next = ledger == null ? -1 : ledger.settledUpTo();
            if (next >= 0) {
                offsets.put(partition, new OffsetAndMetadata(next));
            }
        }
        return offsets;
    }

    private Map<String, Object> consumerConfig() {
        Map<String, Object> config = new HashMap<>(kafka);
        config.put(ConsumerConfig.GROUP_ID_CONFIG, settings.groupId());
        config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        config.putIfAbsent(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        config.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, settings.maxPollRecords());
        config.putIfAbsent(ConsumerConfig.CLIENT_ID_CONFIG, "detector-" + settings.topic());
        return config;
    }

    private static void pause(Duration delay) {
        try {
            Thread.sleep(delay.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /**
     * Commits what is settled of the partitions taken away, and forgets them: their records still in
     * hand are handled all the same, and may be read again by the partition's next owner.
     */
    private final class Rebalance implements ConsumerRebalanceListener {
        private final KafkaConsumer<byte[], byte[]> opened;

        Rebalance(KafkaConsumer<byte[], byte[]> opened) {
            this.opened = opened;
        }

        @Override
        public void onPartitionsRevoked(Collection<TopicPartition> partitions) {
            Map<TopicPartition, OffsetAndMetadata> offsets = settledOffsets(partitions);
            try {
                if (!offsets.isEmpty()) {
                    opened.commitSync(offsets);
                }
            } catch (RuntimeException e) {
                Log.warnf("Committing offsets of %s before a rebalance failed: %s", settings.topic(), e.getMessage());
            }
            partitions.forEach(ledgers::remove);
        }

        @Override
        public void onPartitionsLost(Collection<TopicPartition> partitions) {
            partitions.forEach(ledgers::remove);
        }

        @Override
        public void onPartitionsAssigned(Collection<TopicPartition> partitions) {
            if (paused) {
                opened.pause(partitions);
            }
        }
    }

    /** The polls of one partition still in hand, in offset order. Used by the reading thread alone. */
    private static final class Ledger {
        private final ArrayDeque<Chunk> chunks = new ArrayDeque<>();

        Chunk open(long next, int records) {
            Chunk chunk = new Chunk(next, records);
            chunks.addLast(chunk);
            return chunk;
        }

        /** The offset to commit: past every settled poll before the first unsettled one; -1 for none. */
        long settledUpTo() {
            long next = -1;
            while (!chunks.isEmpty() && chunks.peekFirst().isSettled()) {
                next = chunks.removeFirst().next;
            }
            return next;
        }
    }

    /** The records of one partition in one poll: settled once each of them is. */
    private static final class Chunk {
        private final long next;
        private final AtomicInteger unsettled;

        Chunk(long next, int records) {
            this.next = next;
            this.unsettled = new AtomicInteger(records);
        }

        void settle() {
            unsettled.decrementAndGet();
        }

        boolean isSettled() {
            return unsettled.get() <= 0;
        }
    }

    private record KafkaDelivery(ConsumerRecord<byte[], byte[]> record, Chunk chunk, DeadLetters deadLetters)
            implements Delivery {

        @Override
        public byte[] payload() {
            return record.value();
        }

        @Override
        public void settle() {
            chunk.settle();
        }

        @Override
        public void reject(Throwable reason) {
            deadLetters.send(record, reason, chunk::settle);
        }
    }
}
