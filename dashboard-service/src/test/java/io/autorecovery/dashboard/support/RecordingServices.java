package io.autorecovery.dashboard.support;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A local HTTP server standing in for the incident and deployer services in component tests: it
 * records each request (method, path, Authorization header, body) and answers with the status and
 * JSON body set for the next call. The end-to-end suite calls the real services.
 */
public class RecordingServices implements QuarkusTestResourceLifecycleManager {

    /** One request as the stand-in received it. */
    public record Call(String method, String path, String authorization, String body) {}

    public static final String INCIDENT_TOKEN = "dashboard-incident-operator-01";
    public static final String DEPLOYER_TOKEN = "dashboard-deployer-operator-01";

    private static final List<Call> CALLS = new CopyOnWriteArrayList<>();
    private static volatile int status = 200;
    private static volatile String answer = "{}";
    private static volatile String contentType = "application/json";

    private HttpServer server;

    @Override
    public Map<String, String> start() {
        try {
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        } catch (IOException e) {
            throw new IllegalStateException("cannot start the stand-in services", e);
        }
        server.createContext("/", RecordingServices::record);
        server.start();
        String url = "http://127.0.0.1:" + server.getAddress().getPort();
        return Map.of(
                "dashboard.incident.url", url,
                "dashboard.incident.token", INCIDENT_TOKEN,
                "dashboard.deployer.url", url,
                "dashboard.deployer.token", DEPLOYER_TOKEN);
    }

    @Override
    public void stop() {
        if (server != null) {
            server.stop(0);
        }
    }

    /** Forgets earlier calls; the next answers are 200 with {@code {}}. */
    public static void reset() {
        CALLS.clear();
        answerWith(200, "application/json", "{}");
    }

    public static void answerWith(int nextStatus, String nextContentType, String body) {
        status = nextStatus;
        contentType = nextContentType;
        answer = body;
    }

    public static List<Call> calls() {
        return List.copyOf(CALLS);
    }

    private static void record(HttpExchange exchange) throws IOException {
        try (InputStream in = exchange.getRequestBody()) {
            String body = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            CALLS.add(new Call(
                    exchange.getRequestMethod(),
                    exchange.getRequestURI().getPath(),
                    exchange.getRequestHeaders().getFirst("Authorization"),
                    body));
        }
        byte[] bytes = answer.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", contentType);
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }
}
