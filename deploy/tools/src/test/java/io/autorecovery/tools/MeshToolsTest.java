package io.autorecovery.tools;

import static org.assertj.core.api.Assertions.assertThat;

import io.autorecovery.contracts.EventJson;
import io.autorecovery.contracts.KafkaTestClient;
import io.autorecovery.contracts.LogRecord;
import io.autorecovery.contracts.MalformedEventException;
import io.autorecovery.contracts.Topics;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;

class MeshToolsTest {

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    @Test
    void refusesAMissingCount() {
        int status = run("faults", "--rate", "5");

        assertThat(status).isEqualTo(2);
        assertThat(err()).startsWith("mesh-tools: --count is required\nusage: mesh-tools faults");
    }

    @Test
    void refusesNonsenseValues() {
        assertThat(run("faults", "--count", "0")).isEqualTo(2);
        assertThat(run("faults", "--count", "3", "--rate", "-1")).isEqualTo(2);
        assertThat(run("faults", "--count", "3", "--seed", "abc")).isEqualTo(2);
        assertThat(run("faults", "--count", "3", "--colour", "red")).isEqualTo(2);
        assertThat(run("explode")).isEqualTo(2);
        assertThat(run("faults", "--count", "3", "--noise", "-2")).isEqualTo(2);
        assertThat(run("faults", "--count", "100000", "--noise", "11")).isEqualTo(2);
        assertThat(err())
                .contains("mesh-tools: --count must be between 1 and 100000, was 0")
                .contains("mesh-tools: --rate must be above 0 and at most 100000, was -1")
                .contains("mesh-tools: --seed must be a whole number, was abc")
                .contains("mesh-tools: unknown option --colour")
                .contains("mesh-tools: --noise must be between 0 and 1000, was -2")
                .contains("mesh-tools: --count times --noise must be at most 1000000, was 1100000");
    }

    @Test
    void sendsTheSeededFaultsToTheBrokerAndReportsThem() {
        List<SyntheticFault> expected = FaultCatalogue.draw(3, 77);
        Map<TopicPartition, Long> before;
        try (KafkaTestClient kafka = new KafkaTestClient()) {
            before = kafka.endOffsets(Topics.LOGS_RAW);
        }

        int status = run(
                "faults",
                "--count",
                "3",
                "--rate",
                "50",
                "--seed",
                "77",
                "--bootstrap-servers",
                KafkaTestClient.bootstrapServers());

        assertThat(status).isEqualTo(0);
        assertThat(out()).startsWith("sending 3 faults to logs.raw on ").contains("(seed 77)");
        assertThat(out()).contains("sent 3 faults (3 distinct) as 9 log records");
        try (KafkaTestClient kafka = new KafkaTestClient()) {
            for (SyntheticFault fault : expected) {
                LogRecord record = EventJson.read(
                        kafka.awaitRecordAfter(before, r -> carries(r.value(), fault), Duration.ofSeconds(20))
                                .value(),
                        LogRecord.class);
                assertThat(record.service()).isEqualTo(fault.service());
                assertThat(record.level()).isEqualTo("ERROR");
                assertThat(record.stackTrace()).isEqualTo(fault.stackTrace());
            }
        }
    }

    @Test
    void refusesABenchmarkWithoutItsArguments() {
        assertThat(run("bench-detector", "127.0.0.1:9092")).isEqualTo(2);
        assertThat(err())
                .isEqualTo("usage: mesh-tools bench-detector BOOTSTRAP DETECTOR_JAR REDIS_URL RECORDS LOG_FILE"
                        + " [JVM_OPTIONS]\n");
    }

    @Test
    void mixesTheSeededNoiseLinesAmongTheFaults() {
        List<NoiseLine> noise = NoiseCatalogue.draw(5, 78);
        Map<TopicPartition, Long> before;
        try (KafkaTestClient kafka = new KafkaTestClient()) {
            before = kafka.endOffsets(Topics.LOGS_RAW);
        }

        int status = run(
                "faults",
                "--count",
                "2",
                "--noise",
                "2.5",
                "--rate",
                "50",
                "--seed",
                "78",
                "--bootstrap-servers",
                KafkaTestClient.bootstrapServers());

        assertThat(status).isEqualTo(0);
        assertThat(out()).contains("sent 2 faults (2 distinct) as 11 log records, 5 of them noise, in ");
        try (KafkaTestClient kafka = new KafkaTestClient()) {
            for (NoiseLine line : noise) {
                LogRecord record = EventJson.read(
                        kafka.awaitRecordAfter(
                                        before, r -> hasMessage(r.value(), line.message()), Duration.ofSeconds(20))
                                .value(),
                        LogRecord.class);
                assertThat(List.of(record.service(), record.level(), record.logger()))
                        .containsExactly(line.service(), line.level(), line.logger());
            }
        }
    }

    private static boolean hasMessage(String json, String message) {
        try {
            return EventJson.read(json, LogRecord.class).message().equals(message);
        } catch (MalformedEventException e) {
            return false;
        }
    }

    private static boolean carries(String json, SyntheticFault fault) {
        try {
            return EventJson.read(json, LogRecord.class).message().equals(fault.message());
        } catch (MalformedEventException e) {
            return false;
        }
    }

    private int run(String... args) {
        return MeshTools.run(
                args,
                new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    private String out() {
        return out.toString(StandardCharsets.UTF_8);
    }

    private String err() {
        return err.toString(StandardCharsets.UTF_8);
    }
}
