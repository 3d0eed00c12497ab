package io.autorecovery.incident.bench;

import io.autorecovery.contracts.DetectionTrigger;
import io.autorecovery.contracts.EventJson;
import io.autorecovery.contracts.FaultClass;
import io.autorecovery.contracts.FaultDetected;
import io.autorecovery.contracts.Severity;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.ListOffsetsResult;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * Sustained faults per second through a {@code faults.detected} topic into the incident service's
 * PostgreSQL store: most faults recur on fingerprints that already have an incident, the rest open
 * new ones. Run by {@code ./run bench incident}, which starts the service against its own database
 * and topic; this program sends the faults, waits until the service has stored them, and prints a
 * table. Each fault's latency runs from its {@code occurredAt}, set as it is sent, to the start of
 * the transaction that stored it ({@code processed_events.processed_at}); the drain time bounds the
 * commits that follow.
 */
public final class FaultIntakeBenchmark {

    private static final String CONSUMER = "incident-service/faults.detected";
    private static final String SERVICE = "bench";
    /** Longer than the connector's commit interval (auto.commit.interval.ms, 5 s by default). */
    private static final Duration COMMIT_WAIT = Duration.ofSeconds(15);

    private final Settings settings;
    private final Random random = new Random(42);
    private final Map<UUID, Instant> sentAt = new HashMap<>();

    private FaultIntakeBenchmark(Settings settings) {
        this.settings = settings;
    }

    public static void main(String[] args) throws Exception {
        Settings settings = Settings.parse(args);
        new FaultIntakeBenchmark(settings).run();
    }

    private void run() throws Exception {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, settings.bootstrap()));
                KafkaProducer<String, String> producer = producer()) {
            createTopic(admin);
            List<String> known = seed(producer);
            long seeded = known.size();
            System.out.printf(
                    Locale.ROOT,
                    "bench: %d fingerprints with an incident; sending %d faults/s for %d s (%.0f%% recurring)%n",
                    seeded,
                    settings.rate(),
                    settings.seconds(),
                    100 * settings.recurring());

            Instant start = Instant.now();
            Phase phase = send(producer, known);
            Map<TopicPartition, Long> lagAtEnd = lag(admin);
            long backlog = seeded + phase.sent() - stored();
            Instant drained = awaitStored(seeded + phase.sent(), Duration.ofSeconds(settings.drainSeconds()));
            report(phase, start, new Backlog(lagAtEnd, backlog), drained, admin, seeded);
            admin.deleteTopics(List.of(settings.topic(), settings.topic() + ".dlq"));
        }
    }

    /** The service may have created the topic already by subscribing to it; either way it is there. */
    private void createTopic(Admin admin) throws InterruptedException {
        try {
            admin.createTopics(List.of(new NewTopic(settings.topic(), settings.partitions(), (short) 1)))
                    .all()
                    .get();
        } catch (ExecutionException e) {
            if (!(e.getCause() instanceof TopicExistsException)) {
                throw new IllegalStateException("cannot create " + settings.topic(), e.getCause());
            }
        }
    }

    /** One fault per known fingerprint, so that each has an incident before the timed phase. */
    private List<String> seed(KafkaProducer<String, String> producer) throws SQLException, InterruptedException {
        List<String> known = new ArrayList<>();
        for (int i = 0; i < settings.fingerprints(); i++) {
            String fingerprint = "bench-known-" + i;
            known.add(fingerprint);
            producer.send(record(fault(fingerprint, Instant.now())));
        }
        producer.flush();
        awaitStored(known.size(), Duration.ofSeconds(120));
        return known;
    }

    private Phase send(KafkaProducer<String, String> producer, List<String> known) {
        long total = (long) settings.rate() * settings.seconds();
        long fresh = 0;
        long begin = System.nanoTime();
        double intervalNanos = 1e9 / settings.rate();
        for (long i = 0; i < total; i++) {
            pace(begin + (long) (i * intervalNanos));
            boolean recurring = random.nextDouble() < settings.recurring();
            String fingerprint = recurring ? known.get(random.nextInt(known.size())) : "bench-new-" + UUID.randomUUID();
            fresh += recurring ? 0 : 1;
            Instant now = Instant.now();
            FaultDetected fault = fault(fingerprint, now);
            sentAt.put(fault.eventId(), now);
            producer.send(record(fault));
        }
        producer.flush();
        double seconds = (System.nanoTime() - begin) / 1e9;
        return new Phase(total, fresh, seconds);
    }

    private Instant awaitStored(long expected, Duration timeout) throws SQLException, InterruptedException {
        Instant deadline = Instant.now().plus(timeout);
        while (Instant.now().isBefore(deadline)) {
            if (stored() >= expected) {
                return Instant.now();
            }
            Thread.sleep(50);
        }
        return null;
    }

    private long stored() throws SQLException {
        return count("SELECT count(*) FROM processed_events WHERE consumer = '" + CONSUMER + "'");
    }

    private Map<TopicPartition, Long> lag(Admin admin) throws Exception {
        Map<TopicPartition, OffsetAndMetadata> committed = admin.listConsumerGroupOffsets(settings.group())
                .partitionsToOffsetAndMetadata()
                .get();
        Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
        for (int p = 0; p < settings.partitions(); p++) {
            latest.put(new TopicPartition(settings.topic(), p), OffsetSpec.latest());
        }
        Map<TopicPartition, ListOffsetsResult.ListOffsetsResultInfo> ends =
                admin.listOffsets(latest).all().get();
        Map<TopicPartition, Long> lag = new HashMap<>();
        ends.forEach((partition, end) -> {
            OffsetAndMetadata done = committed.get(partition);
            lag.put(partition, end.offset() - (done == null ? 0 : done.offset()));
        });
        return lag;
    }

    /**
     * The committed lag once the consumer has committed what it stored: offsets are committed
     * periodically, so this waits up to {@link #COMMIT_WAIT} for the lag to reach zero.
     */
    private long settledLag(Admin admin) throws Exception {
        long deadline = System.nanoTime() + COMMIT_WAIT.toNanos();
        long lag;
        do {
            lag = lag(admin).values().stream().mapToLong(Long::longValue).sum();
            if (lag == 0) {
                break;
            }
            Thread.sleep(250);
        } while (System.nanoTime() < deadline);
        return lag;
    }

    private void report(Phase phase, Instant start, Backlog atEnd, Instant drained, Admin admin, long seeded)
            throws Exception {
        long[] latencies = latencies(start);
        long opened = count("SELECT count(*) FROM incidents") - seeded;
        long occurrences = count("SELECT coalesce(sum(occurrences), 0) FROM incidents") - seeded;
        long outbox = count("SELECT count(*) FROM outbox");
        long lagTotal = atEnd.committedLag().values().stream()
                .mapToLong(Long::longValue)
                .sum();
        long stored = latencies.length;
        double drainSeconds =
                drained == null ? Double.NaN : Duration.between(start, drained).toMillis() / 1000.0;
        long lagNow = settledLag(admin);

        row("faults sent", String.format(Locale.ROOT, "%,d in %.1f s", phase.sent(), phase.seconds()));
        row(
                "rate sent",
                String.format(
                        Locale.ROOT, "%,.0f faults/s (target %,d)", phase.sent() / phase.seconds(), settings.rate()));
        row("faults stored", String.format(Locale.ROOT, "%,d", stored));
        row(
                "rate stored",
                drained == null
                        ? "did not drain within " + settings.drainSeconds() + " s"
                        : String.format(
                                Locale.ROOT,
                                "%,.0f faults/s (first send to last stored, %.1f s)",
                                stored / drainSeconds,
                                drainSeconds));
        row("not yet stored at end of sending", String.format(Locale.ROOT, "%,d faults", atEnd.unstored()));
        row("consumer lag at end of sending", String.format(Locale.ROOT, "%,d records (committed offsets)", lagTotal));
        row(
                "consumer lag after draining",
                String.format(Locale.ROOT, "%,d records (after the next periodic commit)", lagNow));
        row("incidents opened / expected", String.format(Locale.ROOT, "%,d / %,d", opened, phase.fresh()));
        row("occurrences counted / faults", String.format(Locale.ROOT, "%,d / %,d", occurrences, phase.sent()));
        row("fault-to-row latency p50", millis(percentile(latencies, 0.50)));
        row("fault-to-row latency p99", millis(percentile(latencies, 0.99)));
        row("fault-to-row latency max", millis(latencies.length == 0 ? -1 : latencies[latencies.length - 1]));
        row("outbox events written (relay off)", String.format(Locale.ROOT, "%,d", outbox));
    }

    private long[] latencies(Instant start) throws SQLException {
        List<Long> millis = new ArrayList<>();
        try (Connection db = connect();
                PreparedStatement select = db.prepareStatement("SELECT event_id, processed_at FROM processed_events"
                        + " WHERE consumer = ? AND processed_at >= ?")) {
            select.setString(1, CONSUMER);
            select.setTimestamp(2, Timestamp.from(start.minusSeconds(1)));
            try (ResultSet rows = select.executeQuery()) {
                while (rows.next()) {
                    Instant sent = sentAt.get(rows.getObject(1, UUID.class));
                    if (sent != null) {
                        millis.add(Duration.between(sent, rows.getTimestamp(2).toInstant())
                                .toMillis());
                    }
                }
            }
        }
        long[] sorted = millis.stream().mapToLong(Long::longValue).toArray();
        Arrays.sort(sorted);
        return sorted;
    }

    private static long percentile(long[] sorted, double fraction) {
        if (sorted.length == 0) {
            return -1;
        }
        return sorted[Math.min(sorted.length - 1, (int) Math.ceil(fraction * sorted.length) - 1)];
    }

    private static String millis(long value) {
        return value < 0 ? "n/a" : value + " ms";
    }

    private static void row(String name, String value) {
        System.out.printf(Locale.ROOT, "  %-36s %s%n", name, value);
    }

    private long count(String sql) throws SQLException {
        try (Connection db = connect();
                ResultSet rows = db.createStatement().executeQuery(sql)) {
            rows.next();
            return rows.getLong(1);
        }
    }

    private Connection connect() throws SQLException {
        return DriverManager.getConnection(settings.dbUrl(), settings.dbUser(), settings.dbPassword());
    }

    private FaultDetected fault(String fingerprint, Instant now) {
        return new FaultDetected(
                UUID.randomUUID(),
                now,
                FaultDetected.VERSION,
                fingerprint,
                SERVICE,
                FaultClass.of("db-timeout"),
                Severity.HIGH,
                DetectionTrigger.NEW,
                "Query timeout on <*> after <NUM> ms",
                List.of("Query timeout on orders after 5000 ms"),
                1,
                now,
                now,
                List.of());
    }

    private ProducerRecord<String, String> record(FaultDetected fault) {
        return new ProducerRecord<>(settings.topic(), fault.fingerprint(), EventJson.write(fault));
    }

    private KafkaProducer<String, String> producer() {
        return new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
                settings.bootstrap(),
                ProducerConfig.ACKS_CONFIG,
                "all",
                ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG,
                true,
                ProducerConfig.LINGER_MS_CONFIG,
                5,
                ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG,
                StringSerializer.class,
                ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG,
                StringSerializer.class));
    }

    private static void pace(long dueNanos) {
        long wait = dueNanos - System.nanoTime();
        if (wait > 1_000_000) {
            try {
                Thread.sleep(wait / 1_000_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
    }

    private record Phase(long sent, long fresh, double seconds) {}

    /** How far behind the service was: by its committed offsets, and by what its store holds. */
    private record Backlog(Map<TopicPartition, Long> committedLag, long unstored) {}

    /** Command-line settings; the database password comes from the environment (BENCH_DB_PASSWORD). */
    private record Settings(
            String bootstrap,
            String topic,
            String group,
            int partitions,
            String dbUrl,
            String dbUser,
            String dbPassword,
            int rate,
            int seconds,
            int fingerprints,
            double recurring,
            int drainSeconds) {

        static Settings parse(String[] args) {
            Map<String, String> options = new HashMap<>();
            for (int i = 0; i + 1 < args.length; i += 2) {
                if (!args[i].startsWith("--")) {
                    throw new IllegalArgumentException("expected an option, found " + args[i]);
                }
                options.put(args[i].substring(2), args[i + 1]);
            }
            return new Settings(
                    required(options, "bootstrap-servers"),
                    required(options, "topic"),
                    required(options, "group"),
                    Integer.parseInt(options.getOrDefault("partitions", "3")),
                    required(options, "db-url"),
                    required(options, "db-user"),
                    System.getenv().getOrDefault("BENCH_DB_PASSWORD", ""),
                    Integer.parseInt(options.getOrDefault("rate", "5000")),
                    Integer.parseInt(options.getOrDefault("seconds", "30")),
                    Integer.parseInt(options.getOrDefault("fingerprints", "1000")),
                    Double.parseDouble(options.getOrDefault("recurring", "0.9")),
                    Integer.parseInt(options.getOrDefault("drain-seconds", "300")));
        }

        private static String required(Map<String, String> options, String name) {
            String value = options.get(name);
            if (value == null) {
                throw new IllegalArgumentException("--" + name + " is required");
            }
            return value;
        }
    }
}
