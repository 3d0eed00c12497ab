package io.autorecovery.dashboard.rest;

import io.autorecovery.dashboard.DashboardConfig;
import io.autorecovery.dashboard.auth.Credentials;
import io.autorecovery.dashboard.auth.Person;
import io.autorecovery.dashboard.feed.FeedConnection;
import io.autorecovery.dashboard.feed.FeedHub;
import io.autorecovery.dashboard.feed.FeedSink;
import io.autorecovery.dashboard.feed.StartPoint;
import io.autorecovery.dashboard.feed.StreamId;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import io.vertx.core.http.Cookie;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.util.Optional;

/**
 * {@code GET /stream}: every pipeline event, live, as server-sent events; a client that reconnects
 * resumes by id. A plain Vert.x route, so that a delivery costs one write of a shared frame. Its
 * OpenAPI description is in {@code META-INF/openapi.yaml}.
 */
@ApplicationScoped
public class StreamResource {

    static final String PATH = "/stream";
    static final String LAST_EVENT_ID = "Last-Event-ID";

    private final FeedHub hub;
    private final Credentials credentials;
    private final DashboardConfig.Sse settings;

    StreamResource(FeedHub hub, Credentials credentials, DashboardConfig config) {
        this.hub = hub;
        this.credentials = credentials;
        this.settings = config.sse();
    }

    void register(@Observes Router router) {
        router.get(PATH).handler(this::stream);
    }

    private void stream(RoutingContext routing) {
        HttpServerRequest request = routing.request();
        Cookie session = request.getCookie(Credentials.SESSION_COOKIE);
        Context context = Vertx.currentContext();
        credentials
                .personOf(request.getHeader(HttpHeaders.AUTHORIZATION), session == null ? null : session.getValue())
                .subscribe()
                .with(
                        person -> context.runOnContext(ignored -> authenticated(routing, person)),
                        failure -> context.runOnContext(ignored -> routing.fail(failure)));
    }

    private void authenticated(RoutingContext routing, Optional<Person> person) {
        if (person.isEmpty()) {
            routing.response().putHeader("WWW-Authenticate", Credentials.CHALLENGE);
            problem(routing, 401, Credentials.UNAUTHORISED);
            return;
        }
        StartPoint start;
        try {
            start = startPoint(routing.request());
        } catch (IllegalArgumentException e) {
            problem(routing, 400, e.getMessage());
            return;
        }
        if (!hub.isLive()) {
            problem(routing, 503, "the event feed is not reachable yet");
            return;
        }
        open(routing.request(), routing.response(), start);
    }

    private void open(HttpServerRequest request, HttpServerResponse response, StartPoint start) {
        if (response.closed()) {
            return;
        }
        response.setChunked(true)
                .putHeader(HttpHeaders.CONTENT_TYPE, "text/event-stream")
                .putHeader(HttpHeaders.CACHE_CONTROL, "no-cache")
                .putHeader("X-Accel-Buffering", "no");
        FeedSink sink = ChunkSink.of(request, response).orElseGet(() -> new ResponseSink(response));
        FeedConnection connection = hub.open(start, sink);
        response.closeHandler(closed -> connection.close());
    }

    private StartPoint startPoint(HttpServerRequest request) {
        String header = request.getHeader(LAST_EVENT_ID);
        String lastEventId = isBlank(header) ? request.getParam("lastEventId") : header;
        if (!isBlank(lastEventId)) {
            return StartPoint.after(lastEventId(lastEventId));
        }
        String replay = request.getParam("replay");
        if (!isBlank(replay)) {
            return StartPoint.latest(replayCount(replay));
        }
        return StartPoint.live();
    }

    private static StreamId lastEventId(String text) {
        try {
            return StreamId.parse(text);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(LAST_EVENT_ID + ": " + e.getMessage(), e);
        }
    }

    private int replayCount(String text) {
        int count;
        try {
            count = Integer.parseInt(text.strip());
        } catch (NumberFormatException e) {
            count = -1;
        }
        if (count < 0 || count > settings.maxReplay()) {
            throw new IllegalArgumentException("replay: expected a whole number from 0 to " + settings.maxReplay());
        }
        return count;
    }

    private static void problem(RoutingContext routing, int status, String message) {
        routing.response()
                .setStatusCode(status)
                .putHeader(HttpHeaders.CONTENT_TYPE, "application/json")
                .end(new JsonObject()
                        .put("status", status)
                        .put("error", message)
                        .encode());
    }

    private static boolean isBlank(String text) {
        return text == null || text.isBlank();
    }
}
