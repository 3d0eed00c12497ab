package io.autorecovery.detector.rest;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import io.autorecovery.contracts.FaultClass;
import io.autorecovery.detector.Fingerprint;
import io.autorecovery.detector.config.DetectorConfig;
import io.autorecovery.detector.store.RedisKeys;
import io.autorecovery.detector.store.TemplateStore;
import io.autorecovery.detector.support.DetectorKeys;
import io.autorecovery.detector.support.InMemoryChannels;
import io.autorecovery.detector.template.LearningTemplateMiners;
import io.autorecovery.detector.template.MinedTemplate;
import io.quarkus.redis.datasource.RedisDataSource;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

@QuarkusTest
@WithTestResource(value = InMemoryChannels.class, scope = TestResourceScope.MATCHING_RESOURCES)
class SignatureResourceTest {

    @Inject
    RedisDataSource redis;

    @Inject
    TemplateStore templates;

    @Inject
    DetectorConfig config;

    private final DetectorKeys keys = new DetectorKeys();

    @AfterEach
    void deleteKeys() {
        keys.deleteAll(redis);
    }

    @Test
    void shouldExplainATemplateWithTheRuleThatMaskedEachToken() {
        String service = keys.newService("orders");
        report(service, "Lock wait on order 1881 from 10.0.0.5 exceeded 50ms");
        FaultAccepted second = report(service, "Lock wait on order 1907 from 10.0.0.9 exceeded 75ms");
        Fingerprint fingerprint = keys.fingerprint(second.fingerprint());

        SignatureView view = given().get("/signatures/" + fingerprint.value())
                .then()
                .statusCode(200)
                .extract()
                .as(SignatureView.class);

        assertThat(view)
                .isEqualTo(new SignatureView(
                        fingerprint.value(),
                        service,
                        "deadlock",
                        view.templateId(),
                        "Lock wait on order <*> from <*> exceeded <*>",
                        2,
                        view.firstSeen(),
                        view.lastSeen(),
                        List.of(
                                new SignatureView.MaskedTokenView(4, "1907", "<*>", "NUMBER", "a number"),
                                new SignatureView.MaskedTokenView(
                                        6, "10.0.0.9", "<*>", "IP", "an IPv4 address, with or without port"),
                                new SignatureView.MaskedTokenView(
                                        8, "75ms", "<*>", "DURATION", "a number with a time unit")),
                        SignatureView.BASIS_TEMPLATE,
                        null));
        assertThat(DetectorKeys.fingerprintOf(service, FaultClass.DEADLOCK, view.template()))
                .isEqualTo(fingerprint);
    }

    @Test
    void shouldExplainAStackSignatureWithTheFramesKeptAndDroppedAndWhy() {
        String service = keys.newService("orders");
        String build1 = """
                java.lang.IllegalStateException: Inventory missing for sku 81
                \tat com.example.orders.Inventory.reserve(Inventory.java:40)
                \tat com.example.orders.Inventory_Subclass.reserve(Inventory_Subclass.zig:-1)
                \tat com.example.orders.OrderService.lambda$place$0(OrderService.java:22)
                \tat io.quarkus.arc.impl.AroundInvokeInvocationContext.proceed(AroundInvokeInvocationContext.java:73)
                \tat com.example.orders.OrderService.place(OrderService.java:25)
                """;
        String build2 = build1.replace("Inventory.java:40", "Inventory.java:44")
                .replace("lambda$place$0", "lambda$place$2")
                .replace("sku 81", "sku 95");
        FaultAccepted first = report(service, "Order 1 failed", build1);
        FaultAccepted second = report(service, "Order 2 failed after retry", build2);
        Fingerprint fingerprint = keys.fingerprint(second.fingerprint());

        SignatureView view = given().get("/signatures/" + fingerprint.value())
                .then()
                .statusCode(200)
                .extract()
                .as(SignatureView.class);

        assertThat(first.fingerprint()).isEqualTo(second.fingerprint());
        assertThat(view.count()).isEqualTo(2);
        assertThat(view.basis()).isEqualTo(SignatureView.BASIS_STACK);
        assertThat(view.stack())
                .isEqualTo(new SignatureView.StackView(
                        "java",
                        "java.lang.IllegalStateException",
                        List.of(),
                        List.of("com.example.orders.Inventory.reserve", "com.example.orders.OrderService.place"),
                        List.of(
                                new SignatureView.DroppedFrameView(
                                        "com.example.orders.Inventory_Subclass.reserve",
                                        "generated frame: proxy, subclass or accessor"),
                                new SignatureView.DroppedFrameView(
                                        "com.example.orders.OrderService.lambda$place$2",
                                        "lambda frame: its name changes from build to build"),
                                new SignatureView.DroppedFrameView(
                                        "io.quarkus.arc.impl.AroundInvokeInvocationContext.proceed",
                                        "framework frame (io.quarkus.*)")),
                        3));
    }

    @Test
    void shouldKeepTemplateIdsAcrossARestartOfTheMiner() {
        String service = keys.newService("billing");
        FaultAccepted before = report(service, "Invoice 77 rejected by gateway");

        // A fresh miner, as after a restart, reads the service's templates back from Redis.
        MinedTemplate after =
                LearningTemplateMiners.fresh(templates, config).mine(service, "Invoice 912 rejected by gateway");

        keys.fingerprint(before.fingerprint());
        assertThat(Fingerprint.of(service, FaultClass.DEADLOCK, after.id()).value())
                .isEqualTo(before.fingerprint());
        assertThat(redis.hash(String.class).hgetall(RedisKeys.templates(service)))
                .isEqualTo(Map.of(after.id(), "Invoice <*> rejected by gateway"));
    }

    @Test
    void shouldAnswerNotFoundForAnUnknownFingerprintAndBadRequestForAMalformedOne() {
        ErrorResponse missing = given().get("/signatures/0123456789abcdef")
                .then()
                .statusCode(404)
                .contentType(ContentType.JSON)
                .extract()
                .as(ErrorResponse.class);
        ErrorResponse malformed = given().get("/signatures/not-a-fingerprint")
                .then()
                .statusCode(400)
                .extract()
                .as(ErrorResponse.class);

        assertThat(missing).isEqualTo(ErrorResponse.of("Not Found"));
        assertThat(malformed)
                .isEqualTo(new ErrorResponse(
                        "invalid fingerprint",
                        List.of(new ErrorResponse.FieldError("fingerprint", "must be 16 lower-case hex characters"))));
    }

    private static FaultAccepted report(String service, String message) {
        return report(service, message, null);
    }

    private static FaultAccepted report(String service, String message, String stackTrace) {
        Map<String, String> body =
                new java.util.HashMap<>(Map.of("service", service, "faultClass", "deadlock", "message", message));
        if (stackTrace != null) {
            body.put("stackTrace", stackTrace);
        }
        return given().contentType(ContentType.JSON)
                .body(body)
                .post("/faults")
                .then()
                .statusCode(202)
                .extract()
                .as(FaultAccepted.class);
    }
}
