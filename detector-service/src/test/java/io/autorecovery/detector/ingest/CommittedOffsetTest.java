package io.autorecovery.detector.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.autorecovery.contracts.EventJson;
import io.autorecovery.contracts.LogRecord;
import io.autorecovery.contracts.Topics;
import io.autorecovery.detector.support.DetectorTest;
import io.autorecovery.detector.support.RealBroker;
import io.autorecovery.detector.support.TopicTail;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Future;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;

/**
 * On the real broker, the detector's committed offset never passes a record it has not handled:
 * an error record waiting for its continuation lines holds the commit back, even when the records
 * read after it in the same poll are handled first.
 */
@QuarkusTest
@WithTestResource(value = CommittedOffsetTest.SlowAssembly.class, scope = TestResourceScope.MATCHING_RESOURCES)
class CommittedOffsetTest extends DetectorTest {

    private static final Duration WAIT = Duration.ofSeconds(60);

    /** The real broker, with records waiting 4 s for continuations. */
    public static class SlowAssembly extends RealBroker {
        @Override
        public Map<String, String> start() {
            Map<String, String> config = new HashMap<>(super.start());
            config.put("detector.intake.assembly-wait", "4S");
            return config;
        }
    }

    @Test
    void shouldNotCommitPastAnErrorRecordWaitingForItsContinuation() throws Exception {
        String service = keys.newService("payments");
        LogRecord waiting = record(service, "ERROR", "worker-1", "Charge 7731 failed");
        String unreadable = "{\"service\": \"" + service + "\", \"message\": oops";

        try (TopicTail faults = TopicTail.of(Topics.FAULTS_DETECTED);
                TopicTail deadLetters = TopicTail.of(Topics.deadLetter(Topics.LOGS_RAW));
                KafkaProducer<String, String> producer = RealBroker.producer(50)) {
            // The detector is reading: an unreadable record alone in its poll is dead-lettered at once.
            String warmUp = "{\"service\": \"" + service + "\", \"warm-up\": ";
            producer.send(new ProducerRecord<>(Topics.LOGS_RAW, service, warmUp))
                    .get();
            deadLetters.await(candidate -> warmUp.equals(candidate.value()), WAIT);

            // Sent together, so that both come in one poll: the unreadable record is its last.
            Future<RecordMetadata> first =
                    producer.send(new ProducerRecord<>(Topics.LOGS_RAW, service, EventJson.write(waiting)));
            Future<RecordMetadata> second = producer.send(new ProducerRecord<>(Topics.LOGS_RAW, service, unreadable));
            producer.flush();
            long waitingOffset = first.get().offset();
            TopicPartition partition =
                    new TopicPartition(Topics.LOGS_RAW, second.get().partition());

            // Read within the 4 s the error record waits for a continuation: the unreadable record
            // after it is settled, but the commit is held back before the error record.
            Thread.sleep(2_000);
            assertThat(RealBroker.committed(partition)).isLessThanOrEqualTo(waitingOffset);

            // Once the wait is over the error is handled, and the commit moves past both.
            var raised = faults.await(candidate -> candidate.value().contains(service), WAIT);
            deadLetters.await(candidate -> unreadable.equals(candidate.value()), WAIT);
            keys.fingerprint(raised.key());
            await().atMost(WAIT)
                    .until(() -> RealBroker.committed(partition) > second.get().offset());
        }
    }

    private static LogRecord record(String service, String level, String thread, String message) {
        return new LogRecord(
                UUID.randomUUID(),
                Instant.now().truncatedTo(ChronoUnit.MILLIS),
                1,
                service,
                level,
                message,
                null,
                thread,
                null,
                null);
    }
}
