package io.autorecovery.dashboard.rest;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import io.autorecovery.dashboard.support.InMemoryChannels;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import org.junit.jupiter.api.Test;

/** The static console page, its security headers, and the API description. */
@QuarkusTest
@TestProfile(InMemoryChannels.class)
class ConsolePageTest {

    private static final String POLICY = "default-src 'none'; script-src 'self'; style-src 'self'; "
            + "connect-src 'self'; img-src 'self'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";

    @Test
    void servesThePageWithAPolicyThatAllowsNoInlineScript() {
        given().when()
                .get("/")
                .then()
                .statusCode(200)
                .contentType(containsString("text/html"))
                .header("Content-Security-Policy", equalTo(POLICY))
                .header("X-Content-Type-Options", equalTo("nosniff"))
                .body(containsString("<script src=\"app.js\" defer></script>"))
                .body(containsString("<script src=\"charts.js\" defer></script>"))
                .body(containsString("<link rel=\"stylesheet\" href=\"app.css\">"));
        given().when().get("/app.css").then().statusCode(200).header("Content-Security-Policy", equalTo(POLICY));
        given().when().get("/charts.js").then().statusCode(200).header("Content-Security-Policy", equalTo(POLICY));
    }

    @Test
    void theScriptListensToEveryPipelineTopicAndWritesEventTextAsTextOnly() {
        String script = given().when()
                .get("/app.js")
                .then()
                .statusCode(200)
                .header("Content-Security-Policy", equalTo(POLICY))
                .extract()
                .asString();
        String charts = given().when()
                .get("/charts.js")
                .then()
                .statusCode(200)
                .extract()
                .asString();

        assertThat(script)
                .contains("new EventSource(")
                .contains(
                        "'faults.detected'",
                        "'incidents.created'",
                        "'incidents.updated'",
                        "'analysis.completed'",
                        "'patch.proposed'",
                        "'deploy.requested'",
                        "'deploy.completed'")
                .contains(".textContent = ")
                .doesNotContain("innerHTML", "outerHTML", "insertAdjacentHTML", "document.write", "eval(");
        assertThat(charts)
                .contains(".textContent = ")
                .doesNotContain("innerHTML", "outerHTML", "insertAdjacentHTML", "document.write", "eval(");
    }

    @Test
    void describesTheStreamInTheOpenApiDocument() {
        given().queryParam("format", "json")
                .when()
                .get("/q/openapi")
                .then()
                .statusCode(200)
                .body("paths.'/stream'.get.summary", equalTo("Pipeline events as server-sent events"))
                .body(
                        "paths.'/stream'.get.parameters.name",
                        org.hamcrest.Matchers.hasItems("Last-Event-ID", "lastEventId", "replay"));
    }
}
