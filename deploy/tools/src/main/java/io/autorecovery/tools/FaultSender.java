package io.autorecovery.tools;

import io.autorecovery.contracts.CloudEventHeaders;
import io.autorecovery.contracts.EventJson;
import io.autorecovery.contracts.LogRecord;
import io.autorecovery.contracts.Topics;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.function.Consumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.serialization.StringSerializer;

/** Writes synthetic faults to {@code logs.raw} as a service's log shipper would, paced to a rate. */
public final class FaultSender implements AutoCloseable {

    private static final String SOURCE = "mesh-tools";

    private final KafkaProducer<String, String> producer;

    public FaultSender(String bootstrapServers) {
        producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
                bootstrapServers,
                ProducerConfig.ACKS_CONFIG,
                "all",
                ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG,
                true,
                ProducerConfig.MAX_BLOCK_MS_CONFIG,
                15_000,
                ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG,
                30_000,
                ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG,
                10_000,
                ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG,
                StringSerializer.class,
                ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG,
                StringSerializer.class));
    }

    /**
     * Sends each fault's breadcrumbs and error record, about {@code faultsPerSecond} faults a second,
     * and returns once the broker has acknowledged every record.
     *
     * @return the number of log records written
     */
    public int send(List<SyntheticFault> faults, double faultsPerSecond, Consumer<SyntheticFault> onSent) {
        return send(faults, List.of(), faultsPerSecond, onSent);
    }

    /**
     * Sends the faults as {@link #send(List, double, Consumer)} does, with the noise lines spread
     * evenly among them: each fault's share of the noise is interleaved with its own records.
     *
     * @return the number of log records written, noise included
     */
    public int send(
            List<SyntheticFault> faults,
            List<NoiseLine> noise,
            double faultsPerSecond,
            Consumer<SyntheticFault> onSent) {
        long intervalNanos = (long) (1_000_000_000L / faultsPerSecond);
        long start = System.nanoTime();
        List<Future<RecordMetadata>> acks = new ArrayList<>();
        for (int i = 0; i < faults.size(); i++) {
            pace(start + i * intervalNanos);
            SyntheticFault fault = faults.get(i);
            List<NoiseLine> share = noise.subList((int) ((long) i * noise.size() / faults.size()), (int)
                    ((long) (i + 1) * noise.size() / faults.size()));
            for (LogRecord record : interleaved(records(fault), share)) {
                acks.add(producer.send(record(record)));
            }
            onSent.accept(fault);
        }
        producer.flush();
        awaitAll(acks);
        return acks.size();
    }

    /** Sends one record as it is, whatever it holds; for testing how consumers treat bad input. */
    public void sendRaw(String topic, String key, String value) {
        awaitAll(List.of(producer.send(new ProducerRecord<>(topic, key, value))));
    }

    static List<LogRecord> records(SyntheticFault fault) {
        Instant now = Instant.now();
        List<LogRecord> records = new ArrayList<>();
        for (String line : fault.breadcrumbs()) {
            records.add(new LogRecord(
                    UUID.randomUUID(),
                    now,
                    LogRecord.VERSION,
                    fault.service(),
                    "INFO",
                    line,
                    fault.logger(),
                    "worker-1",
                    null,
                    null));
        }
        records.add(new LogRecord(
                UUID.randomUUID(),
                now,
                LogRecord.VERSION,
                fault.service(),
                "ERROR",
                fault.message(),
                fault.logger(),
                "worker-1",
                null,
                fault.stackTrace()));
        return records;
    }

    /** A fault's records with noise lines taken in turns before each of them; the rest after. */
    static List<LogRecord> interleaved(List<LogRecord> faultRecords, List<NoiseLine> noise) {
        List<LogRecord> records = new ArrayList<>(faultRecords.size() + noise.size());
        int next = 0;
        for (LogRecord record : faultRecords) {
            if (next < noise.size()) {
                records.add(record(noise.get(next++)));
            }
            records.add(record);
        }
        while (next < noise.size()) {
            records.add(record(noise.get(next++)));
        }

        return records;
    }

    static LogRecord record(NoiseLine line) {
        return new LogRecord(
                UUID.randomUUID(),
                Instant.now(),
                LogRecord.VERSION,
                line.service(),
                line.level(),
                line.message(),
                line.logger(),
                "worker-2",
                null,
                null);
    }

    private static ProducerRecord<String, String> record(LogRecord log) {
        ProducerRecord<String, String> record =
                new ProducerRecord<>(Topics.LOGS_RAW, log.service(), EventJson.write(log));
        CloudEventHeaders.of(log, SOURCE).forEach(record.headers()::add);
        return record;
    }

    private static void pace(long dueNanos) {
        long wait = dueNanos - System.nanoTime();
        if (wait > 0) {
            try {
                Thread.sleep(Duration.ofNanos(wait).toMillis(), (int) (wait % 1_000_000));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while sending faults", e);
            }
        }
    }

    private static void awaitAll(List<Future<RecordMetadata>> acks) {
        try {
            for (Future<RecordMetadata> ack : acks) {
                ack.get();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for the broker", e);
        } catch (ExecutionException e) {
            throw new IllegalStateException(
                    "the broker refused a record: " + e.getCause().getMessage(), e);
        }
    }

    @Override
    public void close() {
        producer.close(Duration.ofSeconds(5));
    }
}
