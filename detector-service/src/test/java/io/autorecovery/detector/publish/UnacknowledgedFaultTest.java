package io.autorecovery.detector.publish;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.autorecovery.contracts.DetectionTrigger;
import io.autorecovery.contracts.FaultClass;
import io.autorecovery.contracts.FaultDetected;
import io.autorecovery.contracts.LogRecord;
import io.autorecovery.detector.DetectorUnavailableException;
import io.autorecovery.detector.Fingerprint;
import io.autorecovery.detector.ingest.LogIntake;
import io.autorecovery.detector.ingest.LogRecordConsumer;
import io.autorecovery.detector.rest.ErrorResponse;
import io.autorecovery.detector.rest.FaultAccepted;
import io.autorecovery.detector.stack.StackTraceReader;
import io.autorecovery.detector.store.RedisKeys;
import io.autorecovery.detector.support.DetectorKeys;
import io.autorecovery.detector.support.InMemoryChannels;
import io.autorecovery.detector.support.RawLogs;
import io.quarkus.redis.datasource.RedisDataSource;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusMock;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** An event the broker did not take is not lost: the caller hears 503 and the next occurrence retries. */
@QuarkusTest
@WithTestResource(value = InMemoryChannels.class, scope = TestResourceScope.MATCHING_RESOURCES)
class UnacknowledgedFaultTest {

    @Inject
    RedisDataSource redis;

    @Inject
    LogIntake intake;

    @Inject
    LogRecordConsumer logRecords;

    private final DetectorKeys keys = new DetectorKeys();
    private final FlakyBroker broker = new FlakyBroker();

    @BeforeEach
    void installFlakyBroker() {
        QuarkusMock.installMockForType(broker, FaultPublisher.class);
    }

    @AfterEach
    void deleteKeys() {
        keys.deleteAll(redis);
    }

    @Test
    void shouldAnswerUnavailableAndRaiseTheFaultOnTheNextOccurrence() {
        String service = keys.newService("shipping");
        Map<String, String> body = Map.of("service", service, "faultClass", "disk-full", "message", "No space left");
        Fingerprint fingerprint =
                keys.fingerprint(DetectorKeys.fingerprintOf(service, FaultClass.DISK_FULL, "No space left")
                        .value());

        broker.down = true;
        ErrorResponse refused = given().contentType(ContentType.JSON)
                .body(body)
                .post("/faults")
                .then()
                .statusCode(503)
                .extract()
                .as(ErrorResponse.class);

        assertThat(refused)
                .isEqualTo(new ErrorResponse("the detector cannot record faults right now; retry later", null));
        assertThat(redis.key().exists(RedisKeys.cooldown(fingerprint))).isFalse();
        assertThat(broker.published).isEmpty();

        broker.down = false;
        FaultAccepted accepted = given().contentType(ContentType.JSON)
                .body(body)
                .post("/faults")
                .then()
                .statusCode(202)
                .extract()
                .as(FaultAccepted.class);

        assertThat(accepted).isEqualTo(new FaultAccepted(fingerprint.value(), true, DetectionTrigger.NEW, 2));
        assertThat(broker.published).extracting(FaultDetected::trigger).containsExactly(DetectionTrigger.NEW);
    }

    @Test
    void shouldThrowFromTheIntakeSoItsSourceKeepsItsPositionAndOffersTheLinesAgain() {
        String service = keys.newService("shipping");
        List<String> lines = List.of("2026-03-04 10:15:30.123 ERROR [main] c.e.Labels - No space left on /var/labels");

        broker.down = true;
        assertThatThrownBy(() -> intake.acceptLines(service, lines))
                .isInstanceOf(DetectorUnavailableException.class)
                .hasMessage("the broker did not acknowledge");
        broker.down = false;
        intake.acceptLines(service, lines);

        assertThat(broker.published).extracting(FaultDetected::trigger).containsExactly(DetectionTrigger.NEW);
        FaultDetected event = broker.published.get(0);
        keys.fingerprint(event.fingerprint());
        assertThat(event.count()).isEqualTo(2);
        assertThat(event.template()).isEqualTo("No space left on <*>");
    }

    @Test
    void shouldRaiseABurstAgainOnTheNextOccurrenceWhenTheBrokerRefusedIt() {
        String service = keys.newService("shipping");
        List<String> burst = new java.util.ArrayList<>();
        for (int i = 0; i < 19; i++) {
            burst.add("ERROR Label printer 7 jammed");
        }
        intake.acceptLines(service, burst);

        broker.down = true;
        assertThatThrownBy(() -> intake.acceptLines(service, List.of("ERROR Label printer 7 jammed")))
                .isInstanceOf(DetectorUnavailableException.class);
        broker.down = false;
        intake.acceptLines(service, List.of("ERROR Label printer 7 jammed"));

        keys.fingerprint(broker.published.get(0).fingerprint());
        assertThat(broker.published)
                .extracting(FaultDetected::trigger, FaultDetected::count)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple(DetectionTrigger.NEW, 1L),
                        org.assertj.core.groups.Tuple.tuple(DetectionTrigger.BURST, 21L));
    }

    @Test
    void shouldNackEveryRecordOfAnAssembledRecordWhenTheBrokerRefusesItsFault() throws Exception {
        String service = keys.newService("shipping");
        RawLogs logs = new RawLogs(logRecords);
        List<CompletableFuture<Throwable>> nacks = new ArrayList<>();
        String[] lines = {"Label 7 could not be printed", "java.io.IOException: printer offline"};

        broker.down = true;
        for (int i = 0; i < lines.length; i++) {
            LogRecord record = new LogRecord(
                    UUID.randomUUID(),
                    Instant.now(),
                    1,
                    service,
                    i == 0 ? "ERROR" : null,
                    lines[i],
                    null,
                    null,
                    null,
                    null);
            nacks.add(logs.send(record).rejected());
        }

        for (CompletableFuture<Throwable> nacked : nacks) {
            assertThat(nacked.get(15, TimeUnit.SECONDS))
                    .isInstanceOf(DetectorUnavailableException.class)
                    .hasMessage("the broker did not acknowledge");
        }
        assertThat(broker.published).isEmpty();
        keys.fingerprint(
                Fingerprint.ofStack(service, StackTraceReader.read(lines[1]).orElseThrow())
                        .value());
    }

    /** A broker that refuses every event while it is down and takes them once it is back. */
    static class FlakyBroker extends FaultPublisher {

        volatile boolean down;
        final List<FaultDetected> published = new CopyOnWriteArrayList<>();

        FlakyBroker() {
            super(null);
        }

        @Override
        public CompletionStage<Void> send(FaultDetected event) {
            if (down) {
                return CompletableFuture.failedFuture(new DetectorUnavailableException(
                        "the broker did not acknowledge", new IllegalStateException()));
            }
            published.add(event);
            return CompletableFuture.completedFuture(null);
        }
    }
}
