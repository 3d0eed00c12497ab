package io.autorecovery.detector.rest;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import io.autorecovery.contracts.DetectionTrigger;
import io.autorecovery.contracts.FaultClass;
import io.autorecovery.contracts.FaultDetected;
import io.autorecovery.contracts.Severity;
import io.autorecovery.detector.Fingerprint;
import io.autorecovery.detector.ingest.IntakeResult.Rejection;
import io.autorecovery.detector.stack.StackTraceReader;
import io.autorecovery.detector.support.InMemoryChannels;
import io.autorecovery.detector.support.InMemoryDetectorTest;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

@QuarkusTest
@WithTestResource(value = InMemoryChannels.class, scope = TestResourceScope.MATCHING_RESOURCES)
class LogResourceTest extends InMemoryDetectorTest {

    private static final String JAVA_TRACE = """
            org.springframework.dao.QueryTimeoutException: could not execute statement
            \tat com.example.orders.OrderRepository.insert(OrderRepository.java:88)
            \tat com.example.orders.OrderService$$EnhancerBySpringCGLIB$$1f2e.place(<generated>)
            \tat com.example.orders.OrderService.place(OrderService.java:61)
            Caused by: java.sql.SQLTimeoutException: Query timed out after 30000 ms
            \tat org.postgresql.jdbc.PgStatement.execute(PgStatement.java:380)
            \t... 3 more""";

    @Test
    void shouldAssemblePlainLinesIntoRecordsAndRaiseTheFaultWithItsStackFingerprint() {
        String service = keys.newService("orders");
        String body = "2026-03-04 10:15:28.001 [main] INFO c.e.orders.OrderService - Placing order 8812\n"
                + "2026-03-04 10:15:29.500 [main] WARN c.e.orders.Pool - Pool orders-db at 20/20\n"
                + "2026-03-04 10:15:30.123 [main] ERROR c.e.orders.OrderService - Failed to place order 8812\n"
                + JAVA_TRACE + "\n";

        LogsAccepted accepted = post(service, "text/plain", body, 202).as(LogsAccepted.class);

        assertThat(accepted).isEqualTo(new LogsAccepted(10, 10, 0, 3, 1, 2, 0, List.of()));
        FaultDetected event = faults.awaitFirst(service).event();
        keys.fingerprint(event.fingerprint());
        Instant at = Instant.parse("2026-03-04T10:15:30.123Z");
        assertThat(event)
                .isEqualTo(new FaultDetected(
                        event.eventId(),
                        event.occurredAt(),
                        1,
                        Fingerprint.ofStack(
                                        service,
                                        StackTraceReader.read(JAVA_TRACE).orElseThrow())
                                .value(),
                        service,
                        FaultClass.DB_TIMEOUT,
                        Severity.HIGH,
                        DetectionTrigger.NEW,
                        "Failed to place order <*>",
                        List.of("Failed to place order 8812\n" + JAVA_TRACE),
                        1,
                        at,
                        at,
                        List.of("INFO Placing order 8812", "WARN Pool orders-db at 20/20")));
    }

    @Test
    void shouldReadJsonLinesNameTheLinesItRefusesAndHandleTheRest() {
        String service = keys.newService("cart");
        String traceback = "Traceback (most recent call last):\\n"
                + "  File \\\"/app/cart/views.py\\\", line 12, in add\\n"
                + "    item = stock[sku]\\n"
                + "KeyError: 'sku-1'";
        String body = "{\"level\":\"info\",\"msg\":\"Adding sku-1\",\"service\":\"" + service + "\"}\n"
                + "{\"level\": \"ERROR\", \"msg\": \"unterminated\n"
                + "{\"levelname\":\"ERROR\",\"message\":\"Add failed\",\"exc_info\":\"" + traceback + "\"}\n"
                + "\n";

        LogsAccepted accepted = post(service, "application/x-ndjson", body, 202).as(LogsAccepted.class);

        assertThat(accepted.rejections()).extracting(Rejection::line).containsExactly(2);
        assertThat(accepted.rejections().get(0).reason()).startsWith("unreadable JSON: ");
        assertThat(accepted).isEqualTo(new LogsAccepted(4, 3, 1, 2, 1, 1, 0, accepted.rejections()));
        FaultDetected event = faults.awaitFirst(service).event();
        keys.fingerprint(event.fingerprint());
        assertThat(event.template()).isEqualTo("Add failed");
        assertThat(event.faultClass()).isEqualTo(FaultClass.UNKNOWN);
        assertThat(event.breadcrumbs()).containsExactly("INFO Adding sku-1");
        assertThat(event.samples())
                .containsExactly("Add failed\n" + traceback.replace("\\n", "\n").replace("\\\"", "\""));
    }

    @Test
    void shouldAnswerBadRequestWhenNoLineCanBeRead() {
        String service = keys.newService("cart");

        ErrorResponse error = post(service, "application/x-ndjson", "{\"level\":1}\n{\"message\": [}\n", 400)
                .as(ErrorResponse.class);

        assertThat(error)
                .isEqualTo(new ErrorResponse(
                        "no line of the batch could be read",
                        List.of(
                                new ErrorResponse.FieldError(
                                        "line 1", "JSON line has no message (tried message, msg, log, @message, text)"),
                                new ErrorResponse.FieldError(
                                        "line 2",
                                        "unreadable JSON: "
                                                + error.fields()
                                                        .get(1)
                                                        .message()
                                                        .substring("unreadable JSON: ".length())))));
        assertThat(error.fields().get(1).message()).isNotEqualTo("unreadable JSON: ");
    }

    @Test
    void shouldRefuseABatchWithoutServiceOrBodyOrOfAnotherMediaType() {
        assertThat(given().contentType("text/plain")
                        .body("ERROR boom")
                        .post("/logs")
                        .then()
                        .statusCode(400)
                        .extract()
                        .as(ErrorResponse.class))
                .isEqualTo(new ErrorResponse(
                        "invalid query parameter", List.of(new ErrorResponse.FieldError("service", "is missing"))));
        assertThat(post("orders", "text/plain", "", 400).as(ErrorResponse.class))
                .isEqualTo(ErrorResponse.of("request body is empty: log lines were expected"));
        assertThat(post("orders", "application/xml", "<log/>", 415).as(ErrorResponse.class))
                .isEqualTo(ErrorResponse.of("Unsupported Media Type"));
    }

    @Test
    void shouldRefuseABodyOverTheLimitWithPayloadTooLarge() {
        byte[] body = new byte[12 * 1024 * 1024 + 1];
        java.util.Arrays.fill(body, (byte) 'x');

        ErrorResponse error = given().contentType("text/plain")
                .queryParam("service", "orders")
                .body(body)
                .post("/logs")
                .then()
                .statusCode(413)
                .extract()
                .as(ErrorResponse.class);

        assertThat(error)
                .isEqualTo(ErrorResponse.of("request body exceeds the limit of 12582912 bytes; send smaller batches"));
    }

    private static io.restassured.response.ExtractableResponse<io.restassured.response.Response> post(
            String service, String contentType, String body, int status) {
        return given().contentType(contentType)
                .queryParam("service", service)
                .body(body.getBytes(java.nio.charset.StandardCharsets.UTF_8))
                .post("/logs")
                .then()
                .statusCode(status)
                .extract();
    }
}
