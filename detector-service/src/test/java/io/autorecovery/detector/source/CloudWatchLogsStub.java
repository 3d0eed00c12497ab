package io.autorecovery.detector.source;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A local stand-in for the CloudWatch Logs JSON API (FilterLogEvents only): events per log group,
 * filtered by start time, served sorted by timestamp in pages of a fixed size, with failures that
 * can be queued ahead of the next answers. Records every request it gets.
 */
final class CloudWatchLogsStub implements AutoCloseable {

    static final String TARGET = "Logs_20140328.FilterLogEvents";

    /** One event as the stub stores it. */
    record Event(String stream, long timestamp, String id, String message) {}

    /** One FilterLogEvents request as received. */
    record Request(String target, String logGroup, long startTime, String nextToken) {}

    /** A failure answered instead of the next page. */
    record Failure(int status, String errorType, String message) {}

    private final ObjectMapper json = new ObjectMapper();
    private final HttpServer server;
    private final int pageSize;
    private final Map<String, List<Event>> groups = new HashMap<>();
    private final Deque<Failure> failures = new ArrayDeque<>();
    private final List<Request> requests = new ArrayList<>();

    CloudWatchLogsStub(int pageSize) throws IOException {
        this.pageSize = pageSize;
        this.server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", this::handle);
        server.start();
    }

    URI endpoint() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    synchronized void add(String group, Event... events) {
        groups.computeIfAbsent(group, g -> new ArrayList<>()).addAll(List.of(events));
    }

    synchronized void failNext(Failure... queued) {
        failures.addAll(List.of(queued));
    }

    synchronized List<Request> requests() {
        return List.copyOf(requests);
    }

    private synchronized void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            JsonNode body = json.readTree(exchange.getRequestBody());
            String target = exchange.getRequestHeaders().getFirst("X-Amz-Target");
            Request request = new Request(
                    target,
                    body.path("logGroupName").asText(),
                    body.path("startTime").asLong(0),
                    body.hasNonNull("nextToken") ? body.get("nextToken").asText() : null);
            requests.add(request);
            if (!exchange.getRequestMethod().equals("POST") || !TARGET.equals(target)) {
                answer(exchange, 400, error("UnknownOperationException", "unsupported: " + target));
                return;
            }
            Failure failure = failures.poll();
            if (failure != null) {
                exchange.getResponseHeaders().add("x-amzn-ErrorType", failure.errorType());
                answer(exchange, failure.status(), error(failure.errorType(), failure.message()));
                return;
            }
            answer(exchange, 200, page(request));
        }
    }

    private ObjectNode page(Request request) {
        List<Event> matching = groups.getOrDefault(request.logGroup(), List.of()).stream()
                .filter(event -> event.timestamp() >= request.startTime())
                .sorted(Comparator.comparingLong(Event::timestamp))
                .toList();
        int from = request.nextToken() == null
                ? 0
                : Integer.parseInt(request.nextToken().substring(5));
        int to = Math.min(matching.size(), from + pageSize);
        ObjectNode page = json.createObjectNode();
        ArrayNode events = page.putArray("events");
        for (Event event : matching.subList(from, to)) {
            events.addObject()
                    .put("logStreamName", event.stream())
                    .put("timestamp", event.timestamp())
                    .put("ingestionTime", event.timestamp() + 5)
                    .put("eventId", event.id())
                    .put("message", event.message());
        }
        if (to < matching.size()) {
            page.put("nextToken", "page-" + to);
        }
        page.putArray("searchedLogStreams");

        return page;
    }

    private ObjectNode error(String type, String message) {
        return json.createObjectNode().put("__type", type).put("message", message);
    }

    private void answer(HttpExchange exchange, int status, JsonNode body) throws IOException {
        byte[] bytes = json.writeValueAsBytes(body);
        exchange.getResponseHeaders().add("Content-Type", "application/x-amz-json-1.1");
        exchange.sendResponseHeaders(status, bytes.length);
        exchange.getResponseBody().write(bytes);
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
