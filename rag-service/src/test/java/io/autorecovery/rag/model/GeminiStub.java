package io.autorecovery.rag.model;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.autorecovery.contracts.EventJson;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;

/**
 * A local stand-in for the Gemini REST API's generateContent call, for the real google-genai client.
 * Tests queue replies and read the requests over HTTP ({@code /stub/replies}, {@code /stub/requests}),
 * so that they need not share objects with the application's class loader. With no reply queued it
 * answers 503.
 */
public class GeminiStub implements QuarkusTestResourceLifecycleManager {

    private final Deque<JsonNode> replies = new ArrayDeque<>();
    private final List<String> requests = new ArrayList<>();
    private HttpServer server;

    @Override
    public Map<String, String> start() {
        try {
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server.setExecutor(Executors.newFixedThreadPool(4));
        server.createContext("/stub/replies", this::queue);
        server.createContext("/stub/requests", this::report);
        server.createContext("/", this::generate);
        server.start();
        String url = "http://127.0.0.1:" + server.getAddress().getPort();
        return Map.of("rag.gemini.api-key", "stub-key", "rag.gemini.base-url", url);
    }

    @Override
    public void stop() {
        server.stop(0);
    }

    private void queue(HttpExchange exchange) throws IOException {
        JsonNode body = EventJson.mapper().readTree(exchange.getRequestBody());
        synchronized (this) {
            if (exchange.getRequestMethod().equals("DELETE")) {
                replies.clear();
                requests.clear();
            } else {
                body.forEach(replies::add);
            }
        }
        answer(exchange, 204, "");
    }

    private void report(HttpExchange exchange) throws IOException {
        ArrayNode all = EventJson.mapper().createArrayNode();
        synchronized (this) {
            requests.forEach(all::add);
        }
        answer(exchange, 200, all.toString());
    }

    private void generate(HttpExchange exchange) throws IOException {
        String request = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
        JsonNode reply;
        synchronized (this) {
            requests.add(exchange.getRequestURI().getPath() + " key="
                    + exchange.getRequestHeaders().getFirst("x-goog-api-key") + "\n" + request);
            reply = replies.poll();
        }
        if (reply == null) {
            answer(exchange, 503, "{\"error\":{\"code\":503,\"message\":\"overloaded\",\"status\":\"UNAVAILABLE\"}}");
            return;
        }
        pause(reply.path("delayMs").asLong(0));
        int status = reply.path("status").asInt(200);
        answer(exchange, status, status == 200 ? candidate(reply.path("text").asText()) : error(status));
    }

    private static String candidate(String text) {
        ObjectNode response = EventJson.mapper().createObjectNode();
        ObjectNode candidate = response.putArray("candidates").addObject();
        candidate
                .putObject("content")
                .put("role", "model")
                .putArray("parts")
                .addObject()
                .put("text", text);
        candidate.put("finishReason", "STOP");
        response.putObject("usageMetadata").put("promptTokenCount", 900).put("candidatesTokenCount", 120);
        return response.toString();
    }

    private static String error(int status) {
        String name = status == 429 ? "RESOURCE_EXHAUSTED" : "UNAVAILABLE";
        return "{\"error\":{\"code\":" + status + ",\"message\":\"stub says " + status + "\",\"status\":\"" + name
                + "\"}}";
    }

    private static void pause(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void answer(HttpExchange exchange, int status, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", "application/json");
        try {
            exchange.sendResponseHeaders(status, bytes.length == 0 ? -1 : bytes.length);
            if (bytes.length > 0) {
                exchange.getResponseBody().write(bytes);
            }
        } catch (IOException e) {
            // the client gave up waiting (a timeout test); nothing to answer to
        } finally {
            exchange.close();
        }
    }
}
