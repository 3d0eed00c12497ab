package io.autorecovery.detector.rest;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import io.autorecovery.contracts.Topics;
import io.autorecovery.detector.rest.ErrorResponse.FieldError;
import io.autorecovery.detector.support.FaultSink;
import io.autorecovery.detector.support.InMemoryChannels;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.smallrye.reactive.messaging.memory.InMemoryConnector;
import jakarta.enterprise.inject.Any;
import jakarta.inject.Inject;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Invalid fault reports get a 400 with a JSON error naming every problem, and change nothing. */
@QuarkusTest
@WithTestResource(value = InMemoryChannels.class, scope = TestResourceScope.MATCHING_RESOURCES)
class FaultReportValidationTest {

    private static final String KNOWN_CLASSES = "db-timeout, db-pool-exhausted, sql-syntax, deadlock, upstream-timeout,"
            + " upstream-error, rate-limited, null-reference, out-of-memory, disk-full, config-missing,"
            + " auth-failure, unknown";

    @Inject
    @Any
    InMemoryConnector connector;

    static Stream<Arguments> invalidReports() {
        return Stream.of(
                Arguments.of(
                        "{}",
                        invalid(
                                new FieldError("service", "is missing"),
                                new FieldError("faultClass", "is missing"),
                                new FieldError("message", "is missing"))),
                Arguments.of(
                        "{\"service\": \" \", \"faultClass\": \"\", \"message\": \"\\n\"}",
                        invalid(
                                new FieldError("service", "is missing"),
                                new FieldError("faultClass", "is missing"),
                                new FieldError("message", "is missing"))),
                Arguments.of(
                        "{\"service\": \"invalid-class\", \"faultClass\": \"db-slow\", \"message\": \"m\"}",
                        invalid(new FieldError("faultClass", "unknown fault class; known: " + KNOWN_CLASSES))),
                Arguments.of(
                        "{\"service\": \"invalid-severity\", \"faultClass\": \"deadlock\", \"message\": \"m\","
                                + " \"severity\": \"urgent\"}",
                        invalid(new FieldError("severity", "unknown severity; known: LOW, MEDIUM, HIGH, CRITICAL"))),
                Arguments.of(
                        "{\"service\": \"check out\", \"faultClass\": \"deadlock\", \"message\": \"m\"}",
                        invalid(new FieldError("service", "must not contain whitespace or control characters"))),
                Arguments.of(
                        "{\"service\": \"" + "s".repeat(129) + "\", \"faultClass\": \"deadlock\", \"message\": \"m\"}",
                        invalid(new FieldError("service", "is longer than 128 characters"))),
                Arguments.of("null", ErrorResponse.of("request body must be a JSON object")));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("invalidReports")
    void shouldNameEveryProblemOfAnInvalidReport(String body, ErrorResponse expected) {
        assertThat(post(body)).isEqualTo(expected);
    }

    @Test
    void shouldRefuseAnEmptyBody() {
        assertThat(post("")).isEqualTo(ErrorResponse.of("request body is empty: a JSON fault report was expected"));
    }

    @Test
    void shouldRefuseABodyOverSixtyFourKibibytes() {
        String prefix = "{\"service\":\"big\",\"faultClass\":\"unknown\",\"message\":\"";
        String body = prefix + "m".repeat(64 * 1024 - prefix.length() - 1) + "\"}";

        assertThat(post(body))
                .isEqualTo(ErrorResponse.of("request body of 65537 bytes exceeds the limit of 65536 bytes"));
    }

    @Test
    void shouldRefuseAMegabyteBodyWithItsOwnLimitUnderTheServersLimit() {
        // The server-wide limit (16 MiB, for batches of log lines) is far above a fault report's.
        String body = "{\"message\": \"" + "m".repeat(1024 * 1024) + "\"}";

        ErrorResponse error = given().contentType(ContentType.JSON)
                .body(body)
                .post("/faults")
                .then()
                .statusCode(400)
                .extract()
                .as(ErrorResponse.class);

        assertThat(error)
                .isEqualTo(ErrorResponse.of(
                        "request body of " + body.length() + " bytes exceeds the limit of 65536 bytes"));
    }

    @Test
    void shouldRefuseMalformedJson() {
        ErrorResponse error = post("{\"service\": \"checkout\", ");

        assertThat(error.error()).startsWith("request body is not a valid fault report: ");
        assertThat(error.fields()).isEmpty();
    }

    @Test
    void shouldRefuseJsonThatIsNotAnObject() {
        ErrorResponse error = post("[\"checkout\"]");

        assertThat(error.error()).startsWith("request body is not a valid fault report: ");
    }

    @Test
    void shouldRefuseTrailingContent() {
        ErrorResponse error = post("{\"service\": \"a\", \"faultClass\": \"deadlock\", \"message\": \"m\"} {}");

        assertThat(error.error()).startsWith("request body is not a valid fault report: ");
    }

    @Test
    void shouldAnswerAnotherMediaTypeWithAJsonError() {
        ErrorResponse error = given().contentType(ContentType.TEXT)
                .body("db-timeout in checkout")
                .post("/faults")
                .then()
                .statusCode(415)
                .contentType(ContentType.JSON)
                .extract()
                .as(ErrorResponse.class);

        assertThat(error).isEqualTo(ErrorResponse.of("Unsupported Media Type"));
    }

    @Test
    void shouldRaiseNothingForAnInvalidReport() {
        FaultSink faults = new FaultSink(connector.sink(Topics.FAULTS_DETECTED));

        post("{\"service\": \"never-raised\", \"faultClass\": \"db-slow\", \"message\": \"m\"}");

        assertThat(faults.of("never-raised")).isEmpty();
    }

    private static ErrorResponse invalid(FieldError... fields) {
        return new ErrorResponse("invalid fault report", List.of(fields));
    }

    private static ErrorResponse post(String body) {
        return given().contentType(ContentType.JSON)
                .body(body)
                .post("/faults")
                .then()
                .statusCode(400)
                .contentType(ContentType.JSON)
                .extract()
                .as(ErrorResponse.class);
    }
}
