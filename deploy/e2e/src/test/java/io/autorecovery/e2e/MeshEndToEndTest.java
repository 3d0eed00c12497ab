package io.autorecovery.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.autorecovery.contracts.DeployCompleted;
import io.autorecovery.contracts.DeployOutcome;
import io.autorecovery.contracts.EventJson;
import io.autorecovery.contracts.IncidentCreated;
import io.autorecovery.contracts.MalformedEventException;
import io.autorecovery.contracts.MeshEvent;
import io.autorecovery.contracts.Topics;
import io.autorecovery.e2e.SseRecorder.SseEvent;
import io.autorecovery.tools.FaultSender;
import io.autorecovery.tools.SyntheticFault;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Drives the running mesh from the outside, as its users do: faults go in on Kafka and over HTTP,
 * and every stage of every incident is checked on the topics, in the incident store and on the
 * dashboard's event stream.
 */
class MeshEndToEndTest {

    private static final String KAFKA = env("KAFKA_BOOTSTRAP_SERVERS", "127.0.0.1:9092");
    private static final String DASHBOARD = env("MESH_DASHBOARD_URL", "http://127.0.0.1:8080");
    private static final String DETECTOR = env("MESH_DETECTOR_URL", "http://127.0.0.1:8081");
    private static final Duration STAGE_TIMEOUT = Duration.ofSeconds(60);

    /**
     * Suffix of this run's service names: the detector rightly ignores a known fault within its
     * cooldown, so each run reports faults of services it has never seen.
     */
    private static final String RUN = randomLetters(8);

    /** Every stage an incident's events pass through, in order, from its opening to its deploy. */
    private static final List<String> STAGES = List.of(
            Topics.INCIDENTS_CREATED,
            Topics.ANALYSIS_COMPLETED,
            Topics.PATCH_PROPOSED,
            Topics.DEPLOY_REQUESTED,
            Topics.DEPLOY_COMPLETED);

    /** How many services read each topic; each one dead-letters a record it cannot read. */
    private static final Map<String, Integer> CONSUMERS = consumers();

    private static TopicRecorder topics;
    private static SseRecorder browser;

    @BeforeAll
    static void watch() throws Exception {
        List<String> watched = new ArrayList<>(List.of(Topics.FAULTS_DETECTED, Topics.INCIDENTS_UPDATED));
        watched.addAll(STAGES);
        CONSUMERS.keySet().forEach(topic -> watched.add(Topics.deadLetter(topic)));
        topics = new TopicRecorder(KAFKA, watched);
        browser = new SseRecorder(DASHBOARD);
        assertThat(browser.status()).isEqualTo(200);
    }

    @AfterAll
    static void stopWatching() throws Exception {
        browser.close();
        topics.close();
    }

    @Test
    void syntheticFaultsTravelEveryStageOfThePipelineInOrder() throws Exception {
        List<SyntheticFault> faults = freshFaults(6);

        try (FaultSender sender = new FaultSender(KAFKA)) {
            sender.send(faults, 20, fault -> {});
        }

        for (SyntheticFault fault : faults) {
            IncidentCreated incident = awaitIncidentFor(fault.service(), fault.message());
            assertThat(incident.faultClass()).isEqualTo(fault.faultClass());
            assertWholeChain(incident);
        }
    }

    @Test
    void aFaultReportedOverHttpTravelsEveryStageToo() throws Exception {
        String service = "billing-" + RUN;
        String message = "Deadlock found when trying to get lock on table ledger";
        String body = "{\"service\":\"" + service + "\",\"faultClass\":\"deadlock\",\"message\":\"" + message + "\"}";

        HttpResponse<String> response = HttpClient.newHttpClient()
                .send(
                        HttpRequest.newBuilder(URI.create(DETECTOR + "/faults"))
                                .header("Content-Type", "application/json")
                                .POST(HttpRequest.BodyPublishers.ofString(body))
                                .build(),
                        HttpResponse.BodyHandlers.ofString());

        assertThat(response.statusCode()).isEqualTo(202);
        IncidentCreated incident = awaitIncidentFor(service, message);
        assertWholeChain(incident);
    }

    @Test
    void malformedRecordsOnEveryTopicGoToItsDeadLetterTopicAndTheMeshKeepsWorking() throws Exception {
        String marker = UUID.randomUUID().toString();
        try (FaultSender sender = new FaultSender(KAFKA)) {
            for (String topic : CONSUMERS.keySet()) {
                sender.sendRaw(topic, "e2e", "{\"malformed\": \"" + marker + "\"");
            }
        }

        for (Map.Entry<String, Integer> topic : CONSUMERS.entrySet()) {
            List<ConsumerRecord<String, String>> dead = topics.awaitCount(
                    Topics.deadLetter(topic.getKey()),
                    r -> r.value().contains(marker),
                    topic.getValue(),
                    STAGE_TIMEOUT);
            assertThat(dead).as("dead letters of %s", topic.getKey()).hasSize(topic.getValue());
            assertThat(dead)
                    .allSatisfy(r -> assertThat(r.headers().lastHeader("dead-letter-reason"))
                            .isNotNull());
        }
        SyntheticFault after = freshFaults(1).get(0);
        try (FaultSender sender = new FaultSender(KAFKA)) {
            sender.send(List.of(after), 10, fault -> {});
        }
        assertWholeChain(awaitIncidentFor(after.service(), after.message()));
    }

    /** The record as an event, or nothing for the malformed records other tests put on the topics. */
    private static <T extends MeshEvent> Optional<T> readable(String json, Class<T> type) {
        try {
            return Optional.of(EventJson.read(json, type));
        } catch (MalformedEventException e) {
            return Optional.empty();
        }
    }

    /**
     * Faults whose patches deploy without a person: the default policy holds patches for
     * authentication failures for approval, which the browser test exercises.
     */
    private static List<SyntheticFault> freshFaults(int count) {
        return MeshFaults.fresh(count, RUN);
    }

    private static String randomLetters(int length) {
        StringBuilder letters = new StringBuilder();
        ThreadLocalRandom.current().ints(length, 'a', 'z' + 1).forEach(c -> letters.append((char) c));
        return letters.toString();
    }

    private static IncidentCreated awaitIncidentFor(String service, String message) {
        ConsumerRecord<String, String> record = topics.awaitOne(
                Topics.INCIDENTS_CREATED,
                r -> readable(r.value(), IncidentCreated.class)
                        .filter(created -> created.service().equals(service))
                        .filter(created -> created.samples().stream().anyMatch(sample -> sample.startsWith(message)))
                        .isPresent(),
                STAGE_TIMEOUT);
        return EventJson.read(record.value(), IncidentCreated.class);
    }

    /** Every stage on the topics, the resolved row with its timeline, and every stage on the stream in order. */
    private static void assertWholeChain(IncidentCreated incident) throws SQLException {
        String id = incident.incidentId().toString();
        for (String stage : STAGES) {
            topics.awaitOne(stage, r -> r.value().contains(id), STAGE_TIMEOUT);
        }
        DeployCompleted deploy = EventJson.read(
                topics.awaitOne(Topics.DEPLOY_COMPLETED, r -> r.value().contains(id), STAGE_TIMEOUT)
                        .value(),
                DeployCompleted.class);
        assertThat(deploy.outcome()).isEqualTo(DeployOutcome.SUCCEEDED);
        assertThat(deploy.dryRun()).isTrue();

        await().atMost(STAGE_TIMEOUT)
                .until(() -> incidentRow(incident.incidentId())
                        .map(row -> row.status().equals("RESOLVED"))
                        .orElse(false));
        IncidentRow row = incidentRow(incident.incidentId()).orElseThrow();
        assertThat(row)
                .isEqualTo(new IncidentRow(
                        incident.fingerprint(),
                        incident.service(),
                        incident.faultClass().code(),
                        "RESOLVED",
                        // opened, then handed to analysis; the rollout moves it to VERIFYING, and a
                        // dry run, with nothing to watch, on to RESOLVED: two entries
                        List.of(
                                Topics.FAULTS_DETECTED,
                                Topics.INCIDENTS_CREATED,
                                Topics.ANALYSIS_COMPLETED,
                                Topics.PATCH_PROPOSED,
                                Topics.DEPLOY_REQUESTED,
                                Topics.DEPLOY_COMPLETED,
                                Topics.DEPLOY_COMPLETED)));

        await().atMost(STAGE_TIMEOUT).until(() -> stagesOnStream(id).size() >= STAGES.size());
        assertThat(stagesOnStream(id))
                .as("stages of incident %s on the stream", id)
                .isEqualTo(STAGES);
    }

    private static List<String> stagesOnStream(String incidentId) {
        return browser.events().stream()
                .filter(event -> event.subject().equals(incidentId))
                .map(SseEvent::topic)
                .filter(STAGES::contains)
                .toList();
    }

    record IncidentRow(String fingerprint, String service, String faultClass, String status, List<String> timeline) {}

    private static Optional<IncidentRow> incidentRow(UUID incidentId) throws SQLException {
        try (Connection connection = DriverManager.getConnection(
                env("INCIDENTS_DB_URL", "jdbc:postgresql://127.0.0.1:5432/incidents"),
                env("INCIDENTS_DB_USER", "postgres"),
                env("INCIDENTS_DB_PASSWORD", ""))) {
            PreparedStatement incident = connection.prepareStatement(
                    "SELECT fingerprint, service, fault_class, status FROM incidents WHERE id = ?");
            incident.setObject(1, incidentId);
            PreparedStatement timeline = connection.prepareStatement(
                    "SELECT event FROM incident_timeline WHERE incident_id = ? ORDER BY id");
            timeline.setObject(1, incidentId);
            try (ResultSet row = incident.executeQuery();
                    ResultSet steps = timeline.executeQuery()) {
                if (!row.next()) {
                    return Optional.empty();
                }
                List<String> events = new ArrayList<>();
                while (steps.next()) {
                    events.add(steps.getString(1));
                }
                return Optional.of(new IncidentRow(
                        row.getString(1), row.getString(2), row.getString(3), row.getString(4), events));
            }
        }
    }

    private static Map<String, Integer> consumers() {
        Map<String, Integer> consumers = new LinkedHashMap<>();
        consumers.put(Topics.LOGS_RAW, 1);
        consumers.put(Topics.FAULTS_DETECTED, 2);
        consumers.put(Topics.INCIDENTS_CREATED, 2);
        consumers.put(Topics.INCIDENTS_UPDATED, 2);
        consumers.put(Topics.ANALYSIS_COMPLETED, 3);
        consumers.put(Topics.PATCH_PROPOSED, 4);
        consumers.put(Topics.DEPLOY_REQUESTED, 3);
        consumers.put(Topics.DEPLOY_COMPLETED, 3);
        return consumers;
    }

    private static String env(String name, String fallback) {
        String value = System.getenv(name);
        return value == null || value.isBlank() ? fallback : value;
    }
}
