package io.autorecovery.rag;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.startsWith;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** The knowledge API against the real database and search index. */
@QuarkusTest
@QuarkusTestResource(value = RagChannels.class, restrictToAnnotatedClass = true)
class KnowledgeApiTest {

    private static final String PROBLEM = "application/problem+json";

    @Test
    void aStackTraceFindsTheRunbookOfItsFaultClassFirst() {
        JsonPath hits = given().queryParam(
                        "q",
                        "HikariPool-1 - Connection is not available, request timed out after 30000ms.\n"
                                + "\tat com.zaxxer.hikari.pool.HikariPool.createTimeoutException(HikariPool.java:696)")
                .queryParam("k", 3)
                .get("/knowledge/search")
                .then()
                .statusCode(200)
                .extract()
                .jsonPath();

        assertThat(hits.getList("$")).hasSize(3);
        assertThat(hits.getString("[0].id")).isEqualTo("db-pool-exhausted");
        assertThat(hits.getString("[0].kind")).isEqualTo("runbook");
        assertThat(hits.getString("[0].title")).isEqualTo("Connection pool exhausted");
        assertThat(hits.getList("[0].faultClasses")).containsExactly("db-pool-exhausted");
        assertThat(hits.getDouble("[0].score")).isGreaterThan(hits.getDouble("[1].score"));
    }

    @Test
    void aRunbookIsAddedFoundUpdatedAndDeleted() {
        String id = "kafka-lag-" + UUID.randomUUID().toString().substring(0, 8);
        String markdown = runbook(id, "Consumer lag on order events", "upstream-timeout");

        given().contentType(ContentType.JSON)
                .body(Map.of("kind", "runbook", "body", markdown))
                .post("/knowledge/documents")
                .then()
                .statusCode(201)
                .header("Location", org.hamcrest.Matchers.endsWith("/knowledge/documents/" + id))
                .body("id", equalTo(id))
                .body("faultClasses", equalTo(List.of("upstream-timeout")))
                .body("rootCause", equalTo("The consumer group commits offsets slower than producers write."))
                .body("recipe.setting", equalTo("consumer.max-poll-records"))
                .body("status", equalTo("untried"));
        given().queryParam("q", "consumer group lag grows on order events topic partitions")
                .get("/knowledge/search")
                .then()
                .statusCode(200)
                .body("[0].id", equalTo(id));

        given().contentType(ContentType.JSON)
                .body(Map.of("kind", "runbook", "body", runbook(id, "Consumer lag on payment events", "rate-limited")))
                .put("/knowledge/documents/{id}", id)
                .then()
                .statusCode(200)
                .body("title", equalTo("Consumer lag on payment events"))
                .body("faultClasses", equalTo(List.of("rate-limited")));

        given().delete("/knowledge/documents/{id}", id).then().statusCode(204);
        given().get("/knowledge/documents/{id}", id)
                .then()
                .statusCode(404)
                .contentType(PROBLEM)
                .body("detail", equalTo("no knowledge document has the id '" + id + "'"));
        given().queryParam("q", "consumer group lag grows on payment events")
                .queryParam("k", 50)
                .get("/knowledge/search")
                .then()
                .statusCode(200)
                .body("id", org.hamcrest.Matchers.not(org.hamcrest.Matchers.hasItem(id)));
    }

    @Test
    void aVerifiedFixRanksAboveTheRunbookItRefines() {
        String signature = "sig-" + UUID.randomUUID();
        given().contentType(ContentType.JSON)
                .body(Map.of(
                        "kind", "fix",
                        "title", "Close the archive stream on every path of the disk writer",
                        "diff",
                                "--- a/src/Archive.java\n+++ b/src/Archive.java\n@@ -1 +1 @@\n"
                                        + "-write()\n+try(w){write()}",
                        "signature", signature,
                        "faultClasses", List.of("disk-full"),
                        "rootCause", "No space left on device: the archive writer leaks temporary files",
                        "resolution", "Delete temporary files after upload",
                        "status", "verified"))
                .post("/knowledge/documents")
                .then()
                .statusCode(201)
                .body("status", equalTo("verified"));

        given().queryParam("q", "IOException: No space left on device while writing the archive temporary files")
                .get("/knowledge/search")
                .then()
                .statusCode(200)
                .body("[0].kind", equalTo("fix"))
                .body("[0].status", equalTo("verified"))
                .body("[1].id", equalTo("disk-full"));
    }

    @Test
    void anUnknownKindIsRefusedWithProblemDetails() {
        given().contentType(ContentType.JSON)
                .body(Map.of("kind", "wiki-page", "title", "x", "body", "y"))
                .post("/knowledge/documents")
                .then()
                .statusCode(400)
                .contentType(PROBLEM)
                .body("status", equalTo(400))
                .body("detail", equalTo("unknown document kind 'wiki-page'; known kinds: past-incident, runbook, fix"));
    }

    @Test
    void malformedFrontMatterIsRefusedWithProblemDetails() {
        given().contentType(ContentType.JSON)
                .body(Map.of("kind", "runbook", "body", "---\ntitle: Broken\nfault-classes: [db-timeout]\n# no end"))
                .post("/knowledge/documents")
                .then()
                .statusCode(400)
                .contentType(PROBLEM)
                .body("detail", equalTo("the runbook's front matter has no closing '---' line"));
        given().contentType(ContentType.JSON)
                .body(Map.of("kind", "runbook", "body", runbook("bad-class", "Bad class", "cosmic-rays")))
                .post("/knowledge/documents")
                .then()
                .statusCode(400)
                .contentType(PROBLEM)
                .body("detail", startsWith("unknown fault class 'cosmic-rays'; known: [db-timeout,"));
    }

    @Test
    void anOversizedBodyIsRefusedWithProblemDetails() {
        String huge = runbook("huge", "Huge", "disk-full") + "x".repeat(40_000);

        given().contentType(ContentType.JSON)
                .body(Map.of("kind", "runbook", "body", huge))
                .post("/knowledge/documents")
                .then()
                .statusCode(413)
                .contentType(PROBLEM)
                .body("detail", equalTo("'body' has " + huge.length() + " characters; at most 32000 are accepted"));
    }

    @Test
    void aSearchWithoutTextOrWithABadKIsRefused() {
        given().get("/knowledge/search")
                .then()
                .statusCode(400)
                .contentType(PROBLEM)
                .body("detail", equalTo("give the text to search for as q"));
        given().queryParam("q", "timeout")
                .queryParam("k", 0)
                .get("/knowledge/search")
                .then()
                .statusCode(400)
                .contentType(PROBLEM)
                .body("detail", equalTo("k must lie in [1, 50]"));
    }

    @Test
    void seedingReloadsEveryShippedRunbook() {
        given().post("/knowledge/seed").then().statusCode(200).body("runbooks", equalTo(15));

        JsonPath runbooks = given().queryParam("kind", "runbook")
                .get("/knowledge/documents")
                .then()
                .statusCode(200)
                .extract()
                .jsonPath();
        assertThat(runbooks.getList("id"))
                .contains(
                        "db-timeout",
                        "db-pool-exhausted",
                        "sql-syntax",
                        "deadlock",
                        "upstream-timeout",
                        "upstream-error",
                        "rate-limited",
                        "null-reference",
                        "out-of-memory",
                        "disk-full",
                        "config-missing",
                        "auth-failure",
                        "connection-refused",
                        "tls-certificate",
                        "unknown-triage");
        assertThat(runbooks.getString("find { it.id == 'db-timeout' }.recipe.to"))
                .isEqualTo("15000");
    }

    private static String runbook(String id, String title, String faultClass) {
        return "---\nid: " + id + "\ntitle: " + title + "\nfault-classes: [" + faultClass + "]\n"
                + "recipe:\n  file: config/application.properties\n  setting: consumer.max-poll-records\n"
                + "  from: 500\n  to: 100\n  summary: Poll fewer records per batch\n---\n# " + title + "\n\n"
                + "## Symptoms\nConsumer group lag grows on the order events topic partitions.\n\n"
                + "## Root cause\nThe consumer group commits offsets slower than producers write.\n\n"
                + "## Remediation\nPoll fewer records per batch and scale consumers to the partition count.\n";
    }
}
