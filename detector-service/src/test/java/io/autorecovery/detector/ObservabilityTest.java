package io.autorecovery.detector;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.autorecovery.contracts.EventJson;
import io.autorecovery.contracts.LogRecord;
import io.autorecovery.contracts.Topics;
import io.autorecovery.detector.rest.FaultAccepted;
import io.autorecovery.detector.support.DetectorTest;
import io.autorecovery.detector.support.InMemoryChannels;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.smallrye.reactive.messaging.memory.InMemoryConnector;
import jakarta.enterprise.inject.Any;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.junit.jupiter.api.Test;

/** Metrics and the API description, as an operator and an API client see them. */
@QuarkusTest
@WithTestResource(value = InMemoryChannels.class, scope = TestResourceScope.MATCHING_RESOURCES)
class ObservabilityTest extends DetectorTest {

    @Inject
    @Any
    InMemoryConnector connector;

    @Test
    void shouldCountEmittedFaults() {
        double before = metric("detector_faults_emitted_total", "trigger", "new");

        FaultAccepted accepted = given().contentType(ContentType.JSON)
                .body(Map.of("service", keys.newService("metrics"), "faultClass", "deadlock", "message", "Stuck"))
                .post("/faults")
                .then()
                .statusCode(202)
                .extract()
                .as(FaultAccepted.class);
        keys.fingerprint(accepted.fingerprint());

        assertThat(metric("detector_faults_emitted_total", "trigger", "new")).isEqualTo(before + 1);
    }

    @Test
    void shouldCountRecordsReadByOutcome() {
        double breadcrumbs = metric("detector_records_read_total", "outcome", "breadcrumb");
        double malformed = metric("detector_records_read_total", "outcome", "malformed");
        String service = keys.newService("metrics");

        connector
                .source(Topics.LOGS_RAW)
                .send(Message.of(EventJson.write(LogRecord.of(service, "INFO", "Up", null, null))));
        connector.source(Topics.LOGS_RAW).send(Message.of("{"));

        await().atMost(Duration.ofSeconds(15)).untilAsserted(() -> {
            assertThat(metric("detector_records_read_total", "outcome", "breadcrumb"))
                    .isEqualTo(breadcrumbs + 1);
            assertThat(metric("detector_records_read_total", "outcome", "malformed"))
                    .isEqualTo(malformed + 1);
        });
    }

    @Test
    void shouldDescribeTheFaultsEndpoint() {
        JsonPath openApi = given().queryParam("format", "json")
                .get("/q/openapi")
                .then()
                .statusCode(200)
                .extract()
                .jsonPath();

        assertThat(openApi.getMap("paths.'/faults'.post.responses").keySet())
                .containsExactlyInAnyOrder("202", "400", "503");
        assertThat(openApi.getString("paths.'/faults'.post.requestBody.content.'application/json'.schema.'$ref'"))
                .isEqualTo("#/components/schemas/FaultReport");
        assertThat(openApi.getList("components.schemas.FaultReport.required"))
                .containsExactlyInAnyOrder("service", "faultClass", "message");
    }

    /** The value of one counter series in the Prometheus text; zero before it is first incremented. */
    private static double metric(String name, String tag, String value) {
        String text = given().get("/q/metrics").then().statusCode(200).extract().asString();
        Pattern series =
                Pattern.compile("^" + name + "\\{[^}]*" + tag + "=\"" + value + "\"[^}]*} (\\S+)$", Pattern.MULTILINE);
        Matcher matcher = series.matcher(text);

        return matcher.find() ? Double.parseDouble(matcher.group(1)) : 0.0;
    }
}
