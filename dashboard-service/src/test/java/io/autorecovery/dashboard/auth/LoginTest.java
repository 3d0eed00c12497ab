package io.autorecovery.dashboard.auth;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.startsWith;

import io.autorecovery.dashboard.support.FeedStream;
import io.autorecovery.dashboard.support.InMemoryChannels;
import io.autorecovery.dashboard.support.SseClient;
import io.autorecovery.dashboard.support.TestTokens;
import io.quarkus.redis.datasource.RedisDataSource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import java.net.URI;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Logging in and out, the session cookie, and who may read or act. */
@QuarkusTest
@TestProfile(InMemoryChannels.class)
class LoginTest {

    private static final String INCIDENT = "c1a7e2d4-8b3f-4f6a-9c5e-1d2b3a4f5e60";

    @Inject
    RedisDataSource redis;

    @TestHTTPResource("/stream")
    URI stream;

    @BeforeEach
    void startClean() {
        FeedStream.clear(redis);
    }

    @Test
    void aViewerTokenOpensASessionWhoseCookieIsHttpOnlyStrictAndNotTheToken() {
        Response login = login(TestTokens.VIEWER);

        login.then().statusCode(200).body("name", equalTo("vera")).body("role", equalTo("viewer"));
        String header = login.getHeader("Set-Cookie");
        assertThat(header)
                .startsWith(SessionCookie.NAME + "=")
                .contains("HttpOnly", "SameSite=Strict", "Path=/", "Max-Age=28800")
                .doesNotContain(TestTokens.VIEWER);
        String session = login.getCookie(SessionCookie.NAME);
        assertThat(session).matches("[A-Za-z0-9_-]{43}");
        assertThat(redis.value(String.class).get(Sessions.KEY_PREFIX + session)).isEqualTo("viewer:vera");
        assertThat(redis.key().pttl(Sessions.KEY_PREFIX + session)).isBetween(28_000_000L, 28_800_000L);
        assertThat(redis.key().keys("dashboard:*"))
                .allSatisfy(
                        key -> assertThat(redis.value(String.class).get(key)).doesNotContain(TestTokens.VIEWER));
    }

    @Test
    void theSessionCookieAuthorisesTheApiAndTheStream() {
        String session = login(TestTokens.OPERATOR).getCookie(SessionCookie.NAME);

        given().cookie(SessionCookie.NAME, session)
                .get("/api/me")
                .then()
                .statusCode(200)
                .body("name", equalTo("olga"))
                .body("role", equalTo("operator"))
                .body("operator", equalTo(true));
        try (SseClient client = SseClient.connect(stream, Map.of("Cookie", SessionCookie.NAME + "=" + session))) {
            assertThat(client.comments()).contains("connected");
        }
    }

    @Test
    void anUnknownTokenGetsNoSession() {
        Response login = login("an-unknown-token-of-some-length");

        login.then().statusCode(401).body("error", equalTo("unknown token"));
        assertThat(login.getHeader("Set-Cookie")).isNull();
        assertThat(redis.key().keys(Sessions.KEY_PREFIX + "*")).isEmpty();
    }

    @Test
    void anAddressThatFailedTooOftenWaitsOutItsWindowEvenWithAGoodToken() throws InterruptedException {
        for (int i = 0; i < 10; i++) {
            login("a-guessed-token-" + i).then().statusCode(401);
        }

        Response held = login(TestTokens.OPERATOR);

        held.then()
                .statusCode(429)
                .body("status", equalTo(429))
                .body("error", startsWith("too many failed logins; try again in "));
        assertThat(Long.parseLong(held.getHeader("Retry-After"))).isBetween(290L, 300L);
        assertThat(held.getHeader("Set-Cookie")).isNull();
        assertThat(redis.key().keys(Sessions.KEY_PREFIX + "*")).isEmpty();
        List<String> counters = redis.key().keys(LoginThrottle.KEY_PREFIX + "*");
        assertThat(counters).hasSize(1);
        assertThat(redis.value(String.class).get(counters.get(0))).isEqualTo("10");

        redis.key().pexpire(counters.get(0), 1);
        Thread.sleep(50);
        login(TestTokens.OPERATOR).then().statusCode(200).body("name", equalTo("olga"));
    }

    @Test
    void failuresBelowTheLimitDoNotHoldBackAGoodToken() {
        for (int i = 0; i < 9; i++) {
            login("a-mistyped-token-" + i).then().statusCode(401);
        }

        login(TestTokens.VIEWER).then().statusCode(200).body("name", equalTo("vera"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"/stream", "/api/me", "/api/incidents", "/api/stats", "/api/deploys", "/api/automation"})
    void readingWithoutASessionOrTokenIsUnauthorised(String path) {
        given().get(path)
                .then()
                .statusCode(401)
                .header("WWW-Authenticate", "Bearer realm=\"dashboard\"")
                .body("error", equalTo("log in first, or send a bearer token"));
        given().cookie(SessionCookie.NAME, "A".repeat(43)).get(path).then().statusCode(401);
        given().header("Authorization", "Bearer not-a-token-anyone-has")
                .get(path)
                .then()
                .statusCode(401);
    }

    @Test
    void actingWithoutASessionIsUnauthorisedAndAsAViewerForbidden() {
        String viewer = login(TestTokens.VIEWER).getCookie(SessionCookie.NAME);
        List<String> actions = List.of(
                "/api/incidents/" + INCIDENT + "/approve",
                "/api/incidents/" + INCIDENT + "/reject",
                "/api/incidents/" + INCIDENT + "/resolve",
                "/api/automation");

        for (String action : actions) {
            given().contentType(ContentType.JSON).body("{}").post(action).then().statusCode(401);
            given().contentType(ContentType.JSON)
                    .cookie(SessionCookie.NAME, viewer)
                    .body("{\"paused\": true}")
                    .post(action)
                    .then()
                    .statusCode(403)
                    .body("error", equalTo("only operators may act"));
            given().contentType(ContentType.JSON)
                    .header("Authorization", TestTokens.bearer(TestTokens.VIEWER))
                    .body("{\"paused\": true}")
                    .post(action)
                    .then()
                    .statusCode(403);
        }
    }

    @Test
    void loggingOutEndsTheSessionAndClearsTheCookie() {
        String session = login(TestTokens.VIEWER).getCookie(SessionCookie.NAME);

        Response logout = given().cookie(SessionCookie.NAME, session).post("/logout");

        logout.then().statusCode(204);
        assertThat(logout.getHeader("Set-Cookie"))
                .startsWith(SessionCookie.NAME + "=;")
                .contains("Max-Age=0");
        assertThat(redis.key().exists(Sessions.KEY_PREFIX + session)).isFalse();
        given().cookie(SessionCookie.NAME, session).get("/api/me").then().statusCode(401);
    }

    @Test
    void thePageAndTheLoginStayOpen() {
        given().get("/").then().statusCode(200);
        given().get("/app.js").then().statusCode(200);
        given().get("/q/health/live").then().statusCode(200);
    }

    private static Response login(String token) {
        return given().contentType(ContentType.JSON)
                .body(Map.of("token", token))
                .post("/login")
                .andReturn();
    }
}
