package io.autorecovery.detector.publish;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import io.autorecovery.contracts.DetectionTrigger;
import io.autorecovery.contracts.FaultClass;
import io.autorecovery.contracts.FaultDetected;
import io.autorecovery.detector.DetectorUnavailableException;
import io.autorecovery.detector.Fingerprint;
import io.autorecovery.detector.rest.ErrorResponse;
import io.autorecovery.detector.rest.FaultAccepted;
import io.autorecovery.detector.store.RedisKeys;
import io.autorecovery.detector.support.DetectorKeys;
import io.autorecovery.detector.support.InMemoryChannels;
import io.quarkus.redis.datasource.RedisDataSource;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusMock;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** An event the broker did not take is not lost: the caller hears 503 and the next occurrence retries. */
@QuarkusTest
@WithTestResource(value = InMemoryChannels.class, scope = TestResourceScope.MATCHING_RESOURCES)
class UnacknowledgedFaultTest {

    @Inject
    RedisDataSource redis;

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

    /** A broker that refuses every event while it is down and takes them once it is back. */
    static class FlakyBroker extends FaultPublisher {

        volatile boolean down;
        final List<FaultDetected> published = new CopyOnWriteArrayList<>();

        FlakyBroker() {
            super(null, null);
        }

        @Override
        public void publish(FaultDetected event) {
            if (down) {
                throw new DetectorUnavailableException("the broker did not acknowledge", new IllegalStateException());
            }
            published.add(event);
        }
    }
}
