package io.autorecovery.dashboard.support;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/** A plain text/event-stream reader over java.net.http, recording events and comments as sent. */
public final class SseClient implements AutoCloseable {

    /** One server-sent event, its fields as they arrived. */
    public record Event(String id, String name, String data) {}

    private final BlockingQueue<Event> events = new LinkedBlockingQueue<>();
    private final List<String> comments = new CopyOnWriteArrayList<>();
    private final CountDownLatch connected = new CountDownLatch(1);
    private final CountDownLatch ended = new CountDownLatch(1);
    private final InputStream body;
    private final Thread reader;

    private SseClient(InputStream body) {
        this.body = body;
        this.reader = new Thread(this::read, "test-sse-client");
        this.reader.setDaemon(true);
        this.reader.start();
    }

    /**
     * Opens the stream and waits until the server says the connection receives live events. Without
     * an Authorization or Cookie header, the request carries the test viewer's bearer token.
     */
    public static SseClient connect(URI uri, Map<String, String> headers) {
        HttpClient http = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(5))
                .build();
        HttpRequest.Builder request = HttpRequest.newBuilder(uri).header("Accept", "text/event-stream");
        boolean authenticated = headers.keySet().stream()
                .anyMatch(h -> h.equalsIgnoreCase("Authorization") || h.equalsIgnoreCase("Cookie"));
        if (!authenticated) {
            request.header("Authorization", TestTokens.bearer(TestTokens.VIEWER));
        }
        headers.forEach(request::header);
        try {
            HttpResponse<InputStream> response = http.send(request.build(), HttpResponse.BodyHandlers.ofInputStream());
            assertThat(response.statusCode()).as("status of %s", uri).isEqualTo(200);
            assertThat(response.headers().firstValue("Content-Type")).hasValue("text/event-stream");
            SseClient client = new SseClient(response.body());
            client.awaitConnected();
            return client;
        } catch (IOException e) {
            throw new IllegalStateException("cannot open " + uri, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while opening " + uri, e);
        }
    }

    public static SseClient connect(URI uri) {
        return connect(uri, Map.of());
    }

    /** The next event, failing the test if none arrives in time. */
    public Event next(Duration timeout) {
        try {
            Event event = events.poll(timeout.toMillis(), TimeUnit.MILLISECONDS);
            assertThat(event).as("an event within %s", timeout).isNotNull();
            return event;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** The next {@code count} events, in the order they arrived. */
    public List<Event> next(int count, Duration timeout) {
        List<Event> received = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            received.add(next(timeout));
        }
        return received;
    }

    /** Every event that arrives within the given time; the time always passes in full. */
    public List<Event> receivedWithin(Duration quietPeriod) {
        sleep(quietPeriod);
        List<Event> received = new ArrayList<>();
        events.drainTo(received);
        return received;
    }

    public List<String> comments() {
        return List.copyOf(comments);
    }

    /** Whether the server ended the response within the given time. */
    public boolean endsWithin(Duration timeout) {
        try {
            return ended.await(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() {
        try {
            body.close();
        } catch (IOException e) {
            // The connection is going away either way.
        }
        reader.interrupt();
    }

    private void awaitConnected() {
        try {
            boolean up = connected.await(10, TimeUnit.SECONDS);
            assertThat(up).as("the server's 'connected' comment").isTrue();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private void read() {
        try (BufferedReader lines = new BufferedReader(new InputStreamReader(body, StandardCharsets.UTF_8))) {
            String id = null;
            String name = null;
            StringBuilder data = null;
            String line;
            while ((line = lines.readLine()) != null) {
                if (line.isEmpty()) {
                    if (data != null) {
                        events.add(new Event(id, name, data.toString()));
                    }
                    id = null;
                    name = null;
                    data = null;
                } else if (line.startsWith(":")) {
                    String comment = value(line, 0);
                    comments.add(comment);
                    if (comment.equals("connected")) {
                        connected.countDown();
                    }
                } else if (line.startsWith("id:")) {
                    id = value(line, 2);
                } else if (line.startsWith("event:")) {
                    name = value(line, 5);
                } else if (line.startsWith("data:")) {
                    data = data == null ? new StringBuilder() : data.append('\n');
                    data.append(value(line, 4));
                }
            }
        } catch (IOException e) {
            // Closed by this client or by the server.
        } finally {
            ended.countDown();
        }
    }

    /** The value after the colon at {@code colon}, without the one optional leading space. */
    private static String value(String line, int colon) {
        String value = line.substring(colon + 1);
        return value.startsWith(" ") ? value.substring(1) : value;
    }

    private static void sleep(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
