package io.autorecovery.detector;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.autorecovery.contracts.LogRecord;
import io.autorecovery.detector.ingest.LogRecordConsumer;
import io.autorecovery.detector.rest.FaultAccepted;
import io.autorecovery.detector.support.DetectorTest;
import io.autorecovery.detector.support.InMemoryChannels;
import io.autorecovery.detector.support.RawLogs;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** Metrics and the API description, as an operator and an API client see them. */
@QuarkusTest
@WithTestResource(value = InMemoryChannels.class, scope = TestResourceScope.MATCHING_RESOURCES)
class ObservabilityTest extends DetectorTest {

    @Inject
    LogRecordConsumer logRecords;

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

        RawLogs logs = new RawLogs(logRecords);
        logs.send(LogRecord.of(service, "INFO", "Up", null, null));
        logs.send("{");

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
