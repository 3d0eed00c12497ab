package io.autorecovery.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import io.autorecovery.contracts.EventJson;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Stream;

/** A browser's view of the dashboard stream: connects to {@code /stream} and keeps every event it gets. */
final class SseRecorder implements AutoCloseable {

    /** One server-sent event: its id, its name (the topic) and its parsed data. */
    record SseEvent(String id, String topic, JsonNode data) {

        String subject() {
            return data.path("subject").asText();
        }
    }

    private final List<SseEvent> events = new CopyOnWriteArrayList<>();
    private final Thread reader;
    private volatile Stream<String> lines;
    private volatile int status;

    SseRecorder(String dashboardUrl) throws IOException, InterruptedException {
        HttpClient client = HttpClient.newHttpClient();
        HttpRequest request = HttpRequest.newBuilder(URI.create(dashboardUrl + "/stream"))
                .header("Accept", "text/event-stream")
                .header(
                        "Authorization",
                        "Bearer " + MeshSecrets.get("MESH_DASHBOARD_VIEWER_TOKEN", "DASHBOARD_VIEWER_TOKEN"))
                .build();
        HttpResponse<Stream<String>> response = client.send(request, HttpResponse.BodyHandlers.ofLines());
        status = response.statusCode();
        lines = response.body();
        reader = new Thread(this::read, "sse-recorder");
        reader.setDaemon(true);
        reader.start();
    }

    int status() {
        return status;
    }

    private void read() {
        String[] current = new String[2];
        StringBuilder data = new StringBuilder();
        try {
            lines.forEach(line -> {
                if (line.isEmpty()) {
                    if (!data.isEmpty()) {
                        events.add(new SseEvent(current[0], current[1], parse(data.toString())));
                    }
                    current[0] = null;
                    current[1] = null;
                    data.setLength(0);
                } else if (line.startsWith("id:")) {
                    current[0] = line.substring(3).trim();
                } else if (line.startsWith("event:")) {
                    current[1] = line.substring(6).trim();
                } else if (line.startsWith("data:")) {
                    data.append(line.substring(5).trim());
                }
            });
        } catch (RuntimeException e) {
            // the stream was closed
        }
    }

    private static JsonNode parse(String json) {
        try {
            return EventJson.mapper().readTree(json);
        } catch (IOException e) {
            throw new IllegalStateException("the stream sent data that is not JSON: " + json, e);
        }
    }

    List<SseEvent> events() {
        return List.copyOf(events);
    }

    @Override
    public void close() {
        lines.close();
        reader.interrupt();
    }
}
