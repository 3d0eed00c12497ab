package io.autorecovery.tools;

import io.autorecovery.contracts.EventJson;
import io.autorecovery.contracts.LogRecord;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * Measures the detector on the real broker: log records written to a topic of their own, read
 * once by a plain consumer (the broker's raw rate), then by a detector started for the run on
 * that topic, with its own consumer group, output topic and Redis database. Prints both rates.
 * Everything it starts or creates is stopped or deleted before it returns.
 */
final class DetectorBenchmark {

    /** Share of records that are errors; the rest are ordinary lines, kept as breadcrumbs. */
    static final double ERROR_SHARE = 0.02;

    private static final Duration TIMEOUT = Duration.ofMinutes(5);

    private final String bootstrap;
    private final Path detectorJar;
    private final String redisUrl;
    private final int records;
    private final String jvmOptions;
    private final String run = "bench-" + UUID.randomUUID().toString().substring(0, 8);
    private final String input = "logs.raw." + run;
    private final String output = "faults.detected." + run;

    DetectorBenchmark(String bootstrap, Path detectorJar, String redisUrl, int records, String jvmOptions) {
        this.bootstrap = bootstrap;
        this.detectorJar = detectorJar;
        this.redisUrl = redisUrl;
        this.records = records;
        this.jvmOptions = jvmOptions.isBlank() ? "-Xmx384m" : jvmOptions;
    }

    void run(PrintStream out, Path logFile) throws Exception {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap))) {
            admin.createTopics(List.of(new NewTopic(input, 1, (short) 1), new NewTopic(output, 1, (short) 1)))
                    .all()
                    .get();
            try {
                measure(admin, out, logFile);
            } finally {
                deleteTopics(admin);
            }
        }
    }

    /** Deletes the run's topics, the dead-letter topic too when the detector created one. */
    private void deleteTopics(Admin admin) throws Exception {
        Set<String> existing = admin.listTopics().names().get(30, TimeUnit.SECONDS);
        List<String> ours = List.of(input, output, input + ".dlq").stream()
                .filter(existing::contains)
                .toList();
        admin.deleteTopics(ours).all().get(30, TimeUnit.SECONDS);
    }

    private void measure(Admin admin, PrintStream out, Path logFile) throws Exception {
        long bytes = produce();
        double raw = rawConsumeRate();
        Rate detector = detectorRate(admin, logFile);
        long faults = endOffset(admin, output);
        out.printf(
                Locale.ROOT,
                "%-34s %,12d records (%,d bytes, %.0f%% errors)%n",
                "input",
                records,
                bytes,
                ERROR_SHARE * 100);
        out.printf(Locale.ROOT, "%-34s %,12.0f records/s%n", "raw consume (plain KafkaConsumer)", raw);
        out.printf(
                Locale.ROOT,
                "%-34s %,12.0f records/s  (%.2f of raw)%n",
                "detector (logs.raw -> faults)",
                detector.perSecond(),
                detector.perSecond() / raw);
        out.printf(
                Locale.ROOT,
                "%-34s %,12.0f records/s  (%.2f of raw)%n",
                "  second half (warmed up)",
                detector.laterPerSecond(),
                detector.laterPerSecond() / raw);
        out.printf(
                Locale.ROOT,
                "%-34s %12.1f us/record (all its threads, JIT and GC included)%n",
                "  detector CPU",
                detector.cpuMicrosPerRecord());
        out.printf(Locale.ROOT, "%-34s %,12d events%n", "faults.detected written", faults);
    }

    /** Writes the records: ordinary lines of six services, with errors among them. */
    private long produce() throws ExecutionException, InterruptedException {
        int errors = (int) Math.round(records * ERROR_SHARE);
        List<SyntheticFault> faults = FaultCatalogue.draw(errors, 11);
        List<NoiseLine> noise = NoiseCatalogue.draw(records - errors, 11);
        long bytes = 0;
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(producerConfig())) {
            int nextFault = 0;
            for (int i = 0; i < noise.size(); i++) {
                bytes += send(producer, FaultSender.record(rename(noise.get(i))));
                if (nextFault < errors && (long) i * errors / noise.size() >= nextFault) {
                    List<LogRecord> fault = FaultSender.records(rename(faults.get(nextFault++)));
                    bytes += send(producer, fault.get(fault.size() - 1));
                }
            }
            while (nextFault < errors) {
                List<LogRecord> fault = FaultSender.records(rename(faults.get(nextFault++)));
                bytes += send(producer, fault.get(fault.size() - 1));
            }
            producer.flush();
        }

        return bytes;
    }

    private long send(KafkaProducer<String, String> producer, LogRecord record) {
        String json = EventJson.write(record);
        producer.send(new ProducerRecord<>(input, record.service(), json));

        return json.length();
    }

    private NoiseLine rename(NoiseLine line) {
        return new NoiseLine(line.service() + "-" + run, line.level(), line.logger(), line.message());
    }

    private SyntheticFault rename(SyntheticFault fault) {
        return new SyntheticFault(
                fault.service() + "-" + run,
                fault.faultClass(),
                fault.logger(),
                fault.message(),
                fault.stackTrace(),
                fault.breadcrumbs());
    }

    /** Reads every record once with a plain consumer, as fast as the broker serves them. */
    private double rawConsumeRate() {
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(consumerConfig())) {
            TopicPartition partition = new TopicPartition(input, 0);
            consumer.assign(List.of(partition));
            consumer.seekToBeginning(List.of(partition));
            long start = System.nanoTime();
            long read = 0;
            long sink = 0;
            while (read < records) {
                for (var record : consumer.poll(Duration.ofMillis(500))) {
                    sink += record.value().length();
                    read++;
                }
                if (System.nanoTime() - start > TIMEOUT.toNanos()) {
                    throw new IllegalStateException("raw consumer read " + read + " of " + records);
                }
            }

            return sink > 0 ? read / ((System.nanoTime() - start) / 1e9) : 0;
        }
    }

    /**
     * What the detector did between its first committed offset and its last: records, elapsed time,
     * the CPU time its process took (JIT compiler and garbage collector included), and the records
     * and time of the second half alone, once the JVM has warmed up.
     */
    private record Rate(long records, long nanos, long cpuNanos, long laterRecords, long laterNanos) {
        double perSecond() {
            return records / (nanos / 1e9);
        }

        double laterPerSecond() {
            return laterRecords / (laterNanos / 1e9);
        }

        double cpuMicrosPerRecord() {
            return cpuNanos / 1e3 / records;
        }
    }

    /**
     * Starts the detector on the topic and times it from its first committed offset to the last:
     * the start-up of the JVM is left out.
     */
    private Rate detectorRate(Admin admin, Path logFile) throws Exception {
        String group = "detector-service-" + run;
        Process detector = startDetector(group, logFile);
        try {
            long deadline = System.nanoTime() + TIMEOUT.toNanos();
            long firstOffset = -1;
            long firstAt = 0;
            long firstCpu = 0;
            long halfOffset = -1;
            long halfAt = 0;
            while (System.nanoTime() < deadline) {
                long committed = committed(admin, group);
                long now = System.nanoTime();
                if (committed > 0 && firstOffset < 0) {
                    firstOffset = committed;
                    firstAt = now;
                    firstCpu = cpuNanos(detector);
                }
                if (committed >= records / 2 && halfOffset < 0) {
                    halfOffset = committed;
                    halfAt = now;
                }
                if (committed >= records) {
                    return new Rate(
                            records - firstOffset,
                            Math.max(1, now - firstAt),
                            cpuNanos(detector) - firstCpu,
                            records - halfOffset,
                            Math.max(1, now - halfAt));
                }
                if (!detector.isAlive()) {
                    throw new IllegalStateException("the detector stopped; see " + logFile);
                }
                Thread.sleep(50);
            }
            throw new IllegalStateException("the detector did not read every record within " + TIMEOUT);
        } finally {
            detector.destroy();
            if (!detector.waitFor(20, TimeUnit.SECONDS)) {
                detector.destroyForcibly();
            }
        }
    }

    /** CPU time of the process so far; 0 where the platform does not tell. */
    private static long cpuNanos(Process process) {
        return process.info().totalCpuDuration().map(Duration::toNanos).orElse(0L);
    }

    private Process startDetector(String group, Path logFile) throws IOException {
        String in = "detector.logs-raw.";
        String outgoing = "mp.messaging.outgoing.\"faults.detected\".";
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        // The same JVM options ./run gives each service (MESH_SERVICE_HEAP), so the figures match.
        command.addAll(List.of(jvmOptions.trim().split("\\s+")));
        command.addAll(List.of(
                "-Dquarkus.http.port=0",
                "-Dquarkus.log.console.json.enabled=false",
                "-Dquarkus.redis.hosts=" + redisUrl,
                "-Dkafka.bootstrap.servers=" + bootstrap,
                "-D" + in + "topic=" + input,
                "-D" + in + "group-id=" + group,
                "-D" + in + "dead-letter-topic=" + input + ".dlq",
                "-D" + outgoing + "topic=" + output,
                "-jar",
                detectorJar.toString()));

        return new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(logFile.toFile())
                .start();
    }

    private long committed(Admin admin, String group) throws Exception {
        Map<TopicPartition, OffsetAndMetadata> offsets = admin.listConsumerGroupOffsets(group)
                .partitionsToOffsetAndMetadata()
                .get();
        OffsetAndMetadata offset = offsets.get(new TopicPartition(input, 0));

        return offset == null ? 0 : offset.offset();
    }

    private static long endOffset(Admin admin, String topic) throws Exception {
        TopicPartition partition = new TopicPartition(topic, 0);

        return admin.listOffsets(Map.of(partition, OffsetSpec.latest()))
                .all()
                .get()
                .get(partition)
                .offset();
    }

    private Map<String, Object> producerConfig() {
        return Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
                bootstrap,
                ProducerConfig.ACKS_CONFIG,
                "all",
                ProducerConfig.LINGER_MS_CONFIG,
                20,
                ProducerConfig.BATCH_SIZE_CONFIG,
                256 * 1024,
                ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG,
                StringSerializer.class,
                ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG,
                StringSerializer.class);
    }

    private Map<String, Object> consumerConfig() {
        return Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG,
                bootstrap,
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG,
                false,
                ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG,
                StringDeserializer.class,
                ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG,
                StringDeserializer.class);
    }
}
