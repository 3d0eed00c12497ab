package io.autorecovery.incident;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.autorecovery.contracts.EventJson;
import io.autorecovery.contracts.FaultDetected;
import io.autorecovery.contracts.IncidentCreated;
import io.autorecovery.contracts.KafkaTestClient;
import io.autorecovery.contracts.Topics;
import io.autorecovery.incident.process.ServiceProcess;
import io.autorecovery.incident.process.TestDatabase;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ThreadLocalRandom;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;

/**
 * The packaged service, killed with SIGKILL while faults stream in from the real broker into the
 * real database, then started again: no fault is lost, none is counted twice, no incident is opened
 * twice, and each incident is announced once. Runs after packaging, against its own database, topic
 * and consumer group.
 */
class IncidentRestartIT {

    private static final String RUN = letters(8);
    private static final String DATABASE = "incidents_restart_test";
    private static final String TOPIC = "incident-restart-" + RUN + "." + Topics.FAULTS_DETECTED;
    private static final String SERVICE = "restart-" + RUN;
    private static final String CONSUMER = "incident-service/" + Topics.FAULTS_DETECTED;
    private static final int FINGERPRINTS = 40;
    private static final int FAULTS = 1500;
    private static final int RESENT = 75;
    private static final double PER_SECOND = 300;
    private static final Duration START_TIMEOUT = Duration.ofSeconds(120);
    private static final Path LOGS = Path.of("target", "restart-it");

    @Test
    void faultsSurviveAKillMidStreamExactlyOnce() throws Exception {
        TestDatabase.recreate(DATABASE);
        createTopic();
        List<FaultDetected> faults = faults();
        List<String> malformed = List.of("{\"fingerprint\": \"" + RUN + "\"", "not json " + RUN, "[" + RUN + "]");

        ServiceProcess first = ServiceProcess.start(environment(), LOGS.resolve("first.log"), START_TIMEOUT);
        CompletableFuture<Void> sending = CompletableFuture.runAsync(() -> send(faults, malformed));
        await().atMost(Duration.ofSeconds(60)).until(() -> processed() >= FAULTS / 5);
        first.kill();
        long processedAtKill = processed();
        sending.get();

        try (ServiceProcess second = ServiceProcess.start(environment(), LOGS.resolve("second.log"), START_TIMEOUT)) {
            await().atMost(Duration.ofSeconds(120)).until(() -> processed() == FAULTS);
            await().atMost(Duration.ofSeconds(60)).until(() -> unpublished() == 0);

            assertThat(processedAtKill)
                    .as("faults stored when the first process died")
                    .isLessThan(FAULTS);
            assertThat(occurrencesByFingerprint()).isEqualTo(expectedOccurrences(faults));
            assertOneAnnouncementPerIncident();
            assertThat(deadLettered(malformed)).containsExactlyInAnyOrderElementsOf(malformed);
        }
    }

    private static Map<String, String> environment() {
        Map<String, String> environment = new HashMap<>();
        environment.put("DB_HOST", TestDatabase.host());
        environment.put("DB_PORT", TestDatabase.port());
        environment.put("DB_NAME", DATABASE);
        environment.put("DB_USER", TestDatabase.user());
        environment.put("DB_PASSWORD", TestDatabase.password().isEmpty() ? "trust" : TestDatabase.password());
        environment.put("KAFKA_BOOTSTRAP_SERVERS", KafkaTestClient.bootstrapServers());
        environment.put("KAFKA_GROUP_ID", "incident-restart-" + RUN);
        // The other topics are shared: this run reads only what arrives on them from now on.
        environment.put("KAFKA_AUTO_OFFSET_RESET", "latest");
        environment.put("INCIDENT_FAULTS_TOPIC", TOPIC);
        environment.put("FAULT_BATCH_SIZE", "50");
        environment.put("INCIDENT_VIEWER_TOKENS", "it:restart-viewer-token-0001");
        environment.put("INCIDENT_OPERATOR_TOKENS", "it:restart-operator-token-0001");
        environment.put("QUARKUS_LOG_CONSOLE_JSON_ENABLED", "false");
        return environment;
    }

    /** FAULTS distinct events over FINGERPRINTS fingerprints, each fingerprint's first one new. */
    private static List<FaultDetected> faults() {
        Random random = new Random(RUN.hashCode());
        List<FaultDetected> faults = new ArrayList<>();
        for (int i = 0; i < FAULTS; i++) {
            int fingerprint = i < FINGERPRINTS ? i : random.nextInt(FINGERPRINTS);
            faults.add(PipelineEvents.fault(SERVICE + "-fp-" + fingerprint, SERVICE));
        }
        return faults;
    }

    /** Every fault in order, some sent twice as a producer retry would, and a few unreadable records. */
    private static void send(List<FaultDetected> faults, List<String> malformed) {
        Random random = new Random(RUN.hashCode() + 1L);
        long intervalNanos = (long) (1e9 / PER_SECOND);
        long start = System.nanoTime();
        try (KafkaProducer<String, String> producer = producer()) {
            for (int i = 0; i < faults.size(); i++) {
                pace(start + i * intervalNanos);
                FaultDetected fault = faults.get(i);
                producer.send(new ProducerRecord<>(TOPIC, fault.fingerprint(), EventJson.write(fault)));
                if (i % (FAULTS / RESENT) == FAULTS / RESENT - 1) {
                    FaultDetected earlier = faults.get(random.nextInt(i + 1));
                    producer.send(new ProducerRecord<>(TOPIC, earlier.fingerprint(), EventJson.write(earlier)));
                }
                int spacing = FAULTS / malformed.size();
                if (i % spacing == spacing / 2) {
                    producer.send(new ProducerRecord<>(TOPIC, SERVICE, malformed.get(i / spacing)));
                }
            }
            producer.flush();
        }
    }

    private static Map<String, Long> expectedOccurrences(List<FaultDetected> faults) {
        Map<String, Long> expected = new HashMap<>();
        faults.forEach(fault -> expected.merge(fault.fingerprint(), 1L, Long::sum));
        return expected;
    }

    private static Map<String, Long> occurrencesByFingerprint() throws SQLException {
        Map<String, Long> occurrences = new LinkedHashMap<>();
        try (Connection db = TestDatabase.connect(DATABASE);
                PreparedStatement select = db.prepareStatement(
                        "SELECT fingerprint, count(*), sum(occurrences) FROM incidents WHERE service = ?"
                                + " GROUP BY fingerprint")) {
            select.setString(1, SERVICE);
            try (ResultSet rows = select.executeQuery()) {
                while (rows.next()) {
                    assertThat(rows.getLong(2))
                            .as("incidents of %s", rows.getString(1))
                            .isEqualTo(1);
                    occurrences.put(rows.getString(1), rows.getLong(3));
                }
            }
        }
        return occurrences;
    }

    /** One incidents.created row in the outbox per incident, and one distinct event on the topic. */
    private static void assertOneAnnouncementPerIncident() throws SQLException {
        Set<String> incidents = new HashSet<>();
        Map<String, Long> announced = new HashMap<>();
        try (Connection db = TestDatabase.connect(DATABASE)) {
            try (ResultSet rows = db.createStatement().executeQuery("SELECT id FROM incidents")) {
                while (rows.next()) {
                    incidents.add(rows.getString(1));
                }
            }
            try (ResultSet rows = db.createStatement()
                    .executeQuery("SELECT record_key, count(*) FROM outbox WHERE topic = 'incidents.created'"
                            + " GROUP BY record_key")) {
                while (rows.next()) {
                    announced.put(rows.getString(1), rows.getLong(2));
                }
            }
        }
        assertThat(incidents).hasSize(FINGERPRINTS);
        assertThat(announced.keySet()).isEqualTo(incidents);
        assertThat(announced.values()).containsOnly(1L);

        // The relay delivers at least once: a record sent again after the kill carries the same event id.
        Map<String, Set<UUID>> onTopic = new HashMap<>();
        try (KafkaTestClient kafka = new KafkaTestClient()) {
            kafka.awaitRecord(
                    Topics.INCIDENTS_CREATED,
                    record -> {
                        if (record.value().contains(SERVICE)) {
                            IncidentCreated created = EventJson.read(record.value(), IncidentCreated.class);
                            onTopic.computeIfAbsent(created.incidentId().toString(), id -> new HashSet<>())
                                    .add(created.eventId());
                        }
                        return onTopic.keySet().equals(incidents);
                    },
                    Duration.ofSeconds(60));
        }
        assertThat(onTopic.values()).allSatisfy(eventIds -> assertThat(eventIds).hasSize(1));
    }

    private static Set<String> deadLettered(List<String> malformed) {
        Set<String> dead = new HashSet<>();
        try (KafkaTestClient kafka = new KafkaTestClient()) {
            kafka.awaitRecord(
                    Topics.deadLetter(TOPIC),
                    record -> {
                        if (malformed.contains(record.value())) {
                            dead.add(record.value());
                        }
                        return dead.size() == malformed.size();
                    },
                    Duration.ofSeconds(30));
        }
        return dead;
    }

    private static long processed() throws SQLException {
        return count("SELECT count(*) FROM processed_events WHERE consumer = '" + CONSUMER + "'");
    }

    private static long unpublished() throws SQLException {
        return count("SELECT count(*) FROM outbox WHERE published_at IS NULL");
    }

    private static long count(String sql) throws SQLException {
        try (Connection db = TestDatabase.connect(DATABASE);
                ResultSet rows = db.createStatement().executeQuery(sql)) {
            rows.next();
            return rows.getLong(1);
        }
    }

    private static void createTopic() throws Exception {
        try (Admin admin =
                Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, KafkaTestClient.bootstrapServers()))) {
            admin.createTopics(List.of(new NewTopic(TOPIC, 3, (short) 1))).all().get();
        }
    }

    private static KafkaProducer<String, String> producer() {
        return new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
                KafkaTestClient.bootstrapServers(),
                ProducerConfig.ACKS_CONFIG,
                "all",
                ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG,
                true,
                ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG,
                StringSerializer.class,
                ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG,
                StringSerializer.class));
    }

    private static void pace(long dueNanos) {
        long wait = dueNanos - System.nanoTime();
        if (wait > 0) {
            try {
                Thread.sleep(wait / 1_000_000, (int) (wait % 1_000_000));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
    }

    private static String letters(int length) {
        StringBuilder letters = new StringBuilder();
        ThreadLocalRandom.current().ints(length, 'a', 'z' + 1).forEach(c -> letters.append((char) c));
        return letters.toString();
    }
}
