package io.autorecovery.e2e;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * A second dashboard instance beside the mesh's own, as an operator scales the dashboard out: the
 * same jar, Kafka consumer group, Redis and login tokens, on a port of its own. Its log goes to
 * {@code target/dashboard-replica.log}.
 */
final class DashboardReplica implements AutoCloseable {

    private static final Duration READY_TIMEOUT = Duration.ofSeconds(120);

    private final Process process;
    private final String url;

    private DashboardReplica(Process process, String url) {
        this.process = process;
        this.url = url;
    }

    static DashboardReplica start(String kafka) throws IOException, InterruptedException {
        Path jar = Path.of(env("MESH_DASHBOARD_JAR", "../../dashboard-service/target/quarkus-app/quarkus-run.jar"));
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException("no dashboard jar at " + jar + "; build it with ./run up");
        }
        int port = freePort();
        ProcessBuilder builder = new ProcessBuilder("java", "-Xmx256m", "-jar", jar.toString())
                .redirectErrorStream(true)
                .redirectOutput(Path.of("target", "dashboard-replica.log").toFile());
        Map<String, String> environment = builder.environment();
        environment.put("QUARKUS_HTTP_PORT", Integer.toString(port));
        environment.put("KAFKA_BOOTSTRAP_SERVERS", kafka);
        environment.put("REDIS_URL", env("MESH_REDIS_URL", "redis://127.0.0.1:6379"));
        environment.put(
                "DASHBOARD_VIEWER_TOKENS",
                "viewer:" + MeshSecrets.get("MESH_DASHBOARD_VIEWER_TOKEN", "DASHBOARD_VIEWER_TOKEN"));
        environment.put(
                "DASHBOARD_OPERATOR_TOKENS",
                "operator:" + MeshSecrets.get("MESH_DASHBOARD_OPERATOR_TOKEN", "DASHBOARD_OPERATOR_TOKEN"));
        DashboardReplica replica = new DashboardReplica(builder.start(), "http://127.0.0.1:" + port);
        replica.awaitReady();

        return replica;
    }

    String url() {
        return url;
    }

    /** Stops the replica as an orchestrator would, so that it leaves the consumer group at once. */
    @Override
    public void close() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(30, TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        }
    }

    private void awaitReady() throws InterruptedException {
        HttpClient client = HttpClient.newHttpClient();
        HttpRequest ready = HttpRequest.newBuilder(URI.create(url + "/q/health/ready"))
                .timeout(Duration.ofSeconds(5))
                .build();
        long deadline = System.nanoTime() + READY_TIMEOUT.toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException("the second dashboard exited with " + process.exitValue()
                        + "; see target/dashboard-replica.log");
            }
            try {
                if (client.send(ready, HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
                    return;
                }
            } catch (IOException e) {
                // Not listening yet.
            }
            Thread.sleep(500);
        }
        close();
        throw new IllegalStateException("the second dashboard was not ready within " + READY_TIMEOUT);
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    private static String env(String name, String fallback) {
        String value = System.getenv(name);
        return value == null || value.isBlank() ? fallback : value;
    }
}
