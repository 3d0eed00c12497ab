package io.autorecovery.detector.rest;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import io.autorecovery.contracts.DetectionTrigger;
import io.autorecovery.contracts.FaultClass;
import io.autorecovery.contracts.FaultDetected;
import io.autorecovery.contracts.Severity;
import io.autorecovery.detector.Fingerprint;
import io.autorecovery.detector.store.RedisKeys;
import io.autorecovery.detector.support.DetectorKeys;
import io.autorecovery.detector.support.ExpectedHeaders;
import io.autorecovery.detector.support.FaultSink;
import io.autorecovery.detector.support.InMemoryChannels;
import io.autorecovery.detector.support.InMemoryDetectorTest;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

@QuarkusTest
@WithTestResource(value = InMemoryChannels.class, scope = TestResourceScope.MATCHING_RESOURCES)
class FaultResourceTest extends InMemoryDetectorTest {

    private static final String MESSAGE = "Query timed out after 5000 ms on orders";

    @Test
    void shouldRaiseANewFaultOnItsFirstReport() {
        String service = keys.newService("checkout");
        Instant before = Instant.now();

        FaultAccepted accepted = report(Map.of("service", service, "faultClass", "db-timeout", "message", MESSAGE));

        Instant after = Instant.now();
        Fingerprint fingerprint = keys.fingerprint(accepted.fingerprint());
        assertThat(accepted)
                .isEqualTo(new FaultAccepted(
                        DetectorKeys.fingerprintOf(
                                        service, FaultClass.DB_TIMEOUT, "Query timed out after <*> ms on orders")
                                .value(),
                        true,
                        DetectionTrigger.NEW,
                        1));
        List<FaultSink.Sent> sent = faults.of(service);
        assertThat(sent).hasSize(1);
        FaultDetected event = sent.get(0).event();
        assertThat(event)
                .isEqualTo(new FaultDetected(
                        event.eventId(),
                        event.occurredAt(),
                        1,
                        fingerprint.value(),
                        service,
                        FaultClass.DB_TIMEOUT,
                        Severity.HIGH,
                        DetectionTrigger.NEW,
                        "Query timed out after <*> ms on orders",
                        List.of(MESSAGE),
                        1,
                        event.firstSeen(),
                        event.firstSeen(),
                        List.of()));
        assertThat(event.firstSeen()).isBetween(before.minusMillis(1), after);
        assertThat(event.occurredAt()).isBetween(event.firstSeen(), after);
        assertThat(sent.get(0).key()).isEqualTo(fingerprint.value());
        assertThat(sent.get(0).headers()).isEqualTo(ExpectedHeaders.of(event));
    }

    @Test
    void shouldOnlyCountARepeatWithinTheCooldown() {
        String service = keys.newService("checkout");

        FaultAccepted first = report(Map.of("service", service, "faultClass", "db-timeout", "message", MESSAGE));
        FaultAccepted second = report(Map.of(
                "service", service, "faultClass", "db-timeout", "message", "Query timed out after 7000 ms on orders"));

        Fingerprint fingerprint = keys.fingerprint(first.fingerprint());
        assertThat(second).isEqualTo(new FaultAccepted(first.fingerprint(), false, null, 2));
        assertThat(faults.of(service)).hasSize(1);
        assertThat(redis.hash(String.class).hget(RedisKeys.signature(fingerprint), "count"))
                .isEqualTo("2");
    }

    @Test
    void shouldRaiseARegressionWhenTheFaultReturnsAfterItsCooldown() {
        String service = keys.newService("inventory");
        Map<String, String> body = Map.of("service", service, "faultClass", "upstream-error", "message", "Bad answer");

        Fingerprint fingerprint = keys.fingerprint(report(body).fingerprint());
        assertThat(redis.key().pttl(RedisKeys.cooldown(fingerprint))).isBetween(590_000L, 600_000L);
        // The cooldown marker expires once the fault has been quiet for the whole cooldown.
        redis.key().del(RedisKeys.cooldown(fingerprint));
        FaultAccepted returned = report(body);

        assertThat(returned).isEqualTo(new FaultAccepted(fingerprint.value(), true, DetectionTrigger.REGRESSION, 2));
        List<FaultSink.Sent> sent = faults.of(service);
        assertThat(sent).hasSize(2);
        FaultDetected regression = sent.get(1).event();
        assertThat(regression.trigger()).isEqualTo(DetectionTrigger.REGRESSION);
        assertThat(regression.count()).isEqualTo(2);
        assertThat(regression.samples()).containsExactly("Bad answer", "Bad answer");
        assertThat(regression.firstSeen()).isEqualTo(sent.get(0).event().firstSeen());
        assertThat(regression.lastSeen()).isAfterOrEqualTo(regression.firstSeen());
    }

    @Test
    void shouldKeepTheLatestFiveSamplesEachCutToTwoThousandChars() {
        String service = keys.newService("reports");
        String stackTrace = "java.lang.IllegalStateException: broken\n" + "\tat com.shop.Report.render\n".repeat(400);

        Fingerprint fingerprint = null;
        for (int order = 1; order <= 7; order++) {
            String message = "Report " + order + " failed";
            fingerprint = keys.fingerprint(report(Map.of(
                            "service", service,
                            "faultClass", "unknown",
                            "message", message,
                            "stackTrace", stackTrace))
                    .fingerprint());
        }
        redis.key().del(RedisKeys.cooldown(fingerprint));
        // The same exception with a shorter trace: recursion collapses, so the fingerprint stays.
        String shortTrace = "java.lang.IllegalStateException: broken\n\tat com.shop.Report.render";
        report(Map.of(
                "service", service, "faultClass", "unknown", "message", "Report 8 failed", "stackTrace", shortTrace));

        FaultDetected regression = faults.of(service).get(1).event();
        String fullSample = "Report 4 failed\n" + stackTrace;
        String marker = "… [truncated from " + fullSample.length() + " chars]";
        assertThat(regression.samples()).hasSize(5);
        assertThat(regression.samples().get(0))
                .hasSize(2000)
                .isEqualTo(fullSample.substring(0, 2000 - marker.length()) + marker);
        assertThat(regression.samples().subList(1, 4))
                .allSatisfy(sample -> assertThat(sample).hasSize(2000).contains("… [truncated from "));
        assertThat(regression.samples().get(4)).isEqualTo("Report 8 failed\n" + shortTrace);
        assertThat(regression.count()).isEqualTo(8);
    }

    @Test
    void shouldUseTheReportedSeverityInAnyCase() {
        String service = keys.newService("search");

        report(Map.of("service", service, "faultClass", "null-reference", "message", "Boom", "severity", "critical"));

        FaultDetected event = faults.of(service).get(0).event();
        keys.fingerprint(event.fingerprint());
        assertThat(event.severity()).isEqualTo(Severity.CRITICAL);
    }

    @Test
    void shouldAcceptABodyOfExactlySixtyFourKibibytes() {
        String service = keys.newService("big");
        String prefix = "{\"service\":\"" + service + "\",\"faultClass\":\"unknown\",\"message\":\"";
        String body = prefix + "m".repeat(64 * 1024 - prefix.length() - 2) + "\"}";

        FaultAccepted accepted = given().contentType(ContentType.JSON)
                .body(body)
                .post("/faults")
                .then()
                .statusCode(202)
                .extract()
                .as(FaultAccepted.class);

        keys.fingerprint(accepted.fingerprint());
        assertThat(body).hasSize(64 * 1024);
        assertThat(accepted.emitted()).isTrue();
    }

    private static FaultAccepted report(Map<String, String> body) {
        return given().contentType(ContentType.JSON)
                .body(body)
                .post("/faults")
                .then()
                .statusCode(202)
                .extract()
                .as(FaultAccepted.class);
    }
}
