package io.autorecovery.dashboard.bench;

import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpClientResponse;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.PoolOptions;
import io.vertx.core.http.RequestOptions;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.lang.management.ManagementFactory;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicLongArray;

/**
 * Measures the server-sent event fan-out of one running dashboard: opens N concurrent
 * {@code /stream} connections with a non-blocking client (Vert.x, two event loops, in a JVM of
 * its own), appends events to the dashboard's Redis stream at a fixed rate, each carrying the time
 * of its append, and times each delivery from the append to its arrival at every client. Also
 * reports the dashboard's heap (after a full GC) and resident memory per open connection, the CPU
 * time per delivery of the dashboard and of this client, and the machine's load. Run by {@code
 * ./run bench dashboard}; arguments are {@code key=value}: url, token, redis (host:port),
 * redis-db, pid, clients (comma-separated), rate (events/s), seconds.
 */
public final class FanOutBenchmark {

    private static final String STREAM = "dashboard:events";
    private static final long BUCKET_NANOS = 100_000;
    private static final int BUCKETS = 600_000;
    private static final int RAMP_BATCH = 250;
    private static final byte[] SENT_AT = "\"sentAt\":".getBytes(StandardCharsets.US_ASCII);

    private final Map<String, String> settings;
    private final URI url;
    private final Vertx vertx;
    private final HttpClient http;
    private final AtomicLongArray latencies = new AtomicLongArray(BUCKETS);
    private final AtomicLong received = new AtomicLong();
    private final AtomicLong dropped = new AtomicLong();
    private final List<HttpClientResponse> open = new ArrayList<>();
    private final Map<HttpClientResponse, Boolean> closing = new ConcurrentHashMap<>();

    private FanOutBenchmark(Map<String, String> settings, int maxClients) {
        this.settings = settings;
        this.url = URI.create(settings.get("url"));
        this.vertx = Vertx.vertx(new VertxOptions().setEventLoopPoolSize(2));
        this.http = vertx.createHttpClient(
                new HttpClientOptions()
                        .setDefaultHost(url.getHost())
                        .setDefaultPort(url.getPort())
                        .setKeepAlive(true)
                        .setConnectTimeout(30_000),
                new PoolOptions().setHttp1MaxSize(maxClients).setMaxWaitQueueSize(-1));
    }

    public static void main(String[] args) throws Exception {
        Map<String, String> settings = new ConcurrentHashMap<>();
        for (String arg : args) {
            int equals = arg.indexOf('=');
            settings.put(arg.substring(0, equals), arg.substring(equals + 1));
        }
        List<Integer> levels = List.of(
                        settings.getOrDefault("clients", "1000,5000,10000").split(","))
                .stream()
                .map(String::strip)
                .map(Integer::parseInt)
                .toList();
        // Room for every level's connections: the closed ones of a level may linger in the pool.
        FanOutBenchmark bench =
                new FanOutBenchmark(settings, levels.stream().mapToInt(i -> i).sum());
        try {
            bench.run(levels);
        } finally {
            bench.vertx.close().toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
        }
    }

    private void run(List<Integer> levels) throws Exception {
        int rate = Integer.parseInt(settings.getOrDefault("rate", "10"));
        int seconds = Integer.parseInt(settings.getOrDefault("seconds", "20"));
        Memory idle = memory();
        System.out.printf(
                Locale.ROOT,
                "%-8s %-11s %-7s %-16s %-8s %-8s %-8s %-10s %-10s %-9s %-9s %-5s%n",
                "clients",
                "connected",
                "events",
                "delivered",
                "p50 ms",
                "p99 ms",
                "max ms",
                "heap/conn",
                "rss/conn",
                "srv us/d",
                "cli us/d",
                "load");
        for (int clients : levels) {
            reset();
            long connectStart = System.nanoTime();
            int connected = connect(clients);
            double connectSeconds = (System.nanoTime() - connectStart) / 1e9;
            Memory loaded = memory();
            String load = loadAverage();
            long serverCpuBefore = serverCpuNanos();
            long clientCpuBefore = clientCpuNanos();
            long sent = publish(rate, seconds);
            Thread.sleep(2000);
            long expected = sent * connected;
            long deliveries = Math.max(1, received.get());
            double serverMicros = (serverCpuNanos() - serverCpuBefore) / 1e3 / deliveries;
            double clientMicros = (clientCpuNanos() - clientCpuBefore) / 1e3 / deliveries;
            System.out.printf(
                    Locale.ROOT,
                    "%-8d %-11s %-7d %-16s %-8.1f %-8.1f %-8.1f %-10s %-10s %-9.1f %-9.1f %-5s%n",
                    clients,
                    connected + " (" + Math.round(connectSeconds) + "s)",
                    sent,
                    received.get() + "/" + expected,
                    percentile(0.50),
                    percentile(0.99),
                    percentile(1.0),
                    kib((loaded.heap() - idle.heap()) / Math.max(1, connected)),
                    kib((loaded.rss() - idle.rss()) / Math.max(1, connected)),
                    serverMicros,
                    clientMicros,
                    load);
            if (dropped.get() > 0) {
                System.out.printf(
                        "         %d connections were closed by the dashboard during the run%n", dropped.get());
            }
            disconnectAll();
        }
    }

    private void reset() {
        for (int i = 0; i < BUCKETS; i++) {
            latencies.set(i, 0);
        }
        received.set(0);
        dropped.set(0);
    }

    /** Opens connections in batches, each waiting for the server's answer to every request. */
    private int connect(int clients) throws InterruptedException {
        int connected = 0;
        while (connected < clients) {
            int batch = Math.min(RAMP_BATCH, clients - connected);
            CountDownLatch ready = new CountDownLatch(batch);
            for (int i = 0; i < batch; i++) {
                open(ready);
            }
            if (!ready.await(60, TimeUnit.SECONDS)) {
                System.out.printf("         only %d of %d connections came up%n", open.size(), clients);
                return open.size();
            }
            connected += batch;
        }
        return connected;
    }

    private void open(CountDownLatch ready) {
        RequestOptions request = new RequestOptions()
                .setMethod(HttpMethod.GET)
                .setURI("/stream")
                .putHeader("Accept", "text/event-stream")
                .putHeader("Authorization", "Bearer " + settings.get("token"));
        http.request(request)
                .compose(r -> r.send())
                .onSuccess(response -> listen(response, ready))
                .onFailure(failure -> {
                    System.out.println("         a connection failed: " + failure.getMessage());
                    ready.countDown();
                });
    }

    private void listen(HttpClientResponse response, CountDownLatch ready) {
        if (response.statusCode() != 200) {
            System.out.println("         the dashboard answered " + response.statusCode());
            ready.countDown();
            return;
        }
        synchronized (open) {
            open.add(response);
        }
        response.handler(new FrameScanner());
        // The dashboard sends its head with the first frame, the comment "connected", once the
        // connection receives live events: the head alone says the connection is up. Waiting for
        // the comment in the body would miss it when it arrives before this handler is set.
        ready.countDown();
        response.endHandler(end -> ended(response));
        response.exceptionHandler(failure -> ended(response));
    }

    private void ended(HttpClientResponse response) {
        if (closing.remove(response) == null) {
            dropped.incrementAndGet();
        }
    }

    private void record(long sentAt, long now) {
        long bucket = Math.min(BUCKETS - 1, Math.max(0, (now - sentAt) / BUCKET_NANOS));
        latencies.incrementAndGet((int) bucket);
        received.incrementAndGet();
    }

    /**
     * Reads one connection's bytes as they arrive, without building lines or strings: it looks
     * only for each event's {@code "sentAt":} number, across chunk boundaries.
     */
    private final class FrameScanner implements Handler<Buffer> {

        private int sentAtMatched;
        private boolean inNumber;
        private long number;

        @Override
        public void handle(Buffer chunk) {
            long now = System.nanoTime();
            for (int i = 0, length = chunk.length(); i < length; i++) {
                byte b = chunk.getByte(i);
                if (inNumber) {
                    if (b >= '0' && b <= '9') {
                        number = number * 10 + (b - '0');
                        continue;
                    }
                    inNumber = false;
                    record(number, now);
                }
                sentAtMatched = advance(SENT_AT, sentAtMatched, b);
                if (sentAtMatched == SENT_AT.length) {
                    sentAtMatched = 0;
                    inNumber = true;
                    number = 0;
                }
            }
        }

        private static int advance(byte[] pattern, int matched, byte b) {
            if (pattern[matched] == b) {
                return matched + 1;
            }
            return pattern[0] == b ? 1 : 0;
        }
    }

    private void disconnectAll() throws InterruptedException {
        List<HttpClientResponse> responses;
        synchronized (open) {
            responses = new ArrayList<>(open);
            open.clear();
        }
        List<Future<Void>> closed = new ArrayList<>();
        for (HttpClientResponse response : responses) {
            closing.put(response, Boolean.TRUE);
            closed.add(response.request().connection().close());
        }
        Future.join(closed).toCompletionStage().toCompletableFuture().handle((done, failure) -> null);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (openOnServer() > 0 && System.nanoTime() < deadline) {
            Thread.sleep(500);
        }
    }

    /** Appends events to the stream the dashboard tails, each carrying the time it was appended. */
    private long publish(int rate, int seconds) throws IOException, InterruptedException {
        String[] redis = settings.getOrDefault("redis", "127.0.0.1:6379").split(":");
        long sent = 0;
        try (Socket socket = new Socket(redis[0], Integer.parseInt(redis[1]))) {
            socket.setTcpNoDelay(true);
            OutputStream out = socket.getOutputStream();
            InputStream in = socket.getInputStream();
            command(out, in, "SELECT", settings.getOrDefault("redis-db", "0"));
            long interval = TimeUnit.SECONDS.toNanos(1) / rate;
            long next = System.nanoTime();
            for (int i = 0; i < rate * seconds; i++) {
                next += interval;
                String payload = "{\"bench\":true,\"seq\":" + i + ",\"sentAt\":" + System.nanoTime() + "}";
                command(
                        out, in, "XADD", STREAM, "MAXLEN", "~", "10000", "*", "topic", "bench", "subject", "bench",
                        "payload", payload);
                sent++;
                long wait = next - System.nanoTime();
                if (wait > 0) {
                    TimeUnit.NANOSECONDS.sleep(wait);
                }
            }
        }
        return sent;
    }

    /** One Redis command in RESP; reads the one-line reply (all replies used here are one line). */
    private static void command(OutputStream out, InputStream in, String... args) throws IOException {
        StringBuilder resp = new StringBuilder("*").append(args.length).append("\r\n");
        for (String arg : args) {
            byte[] bytes = arg.getBytes(StandardCharsets.UTF_8);
            resp.append('$').append(bytes.length).append("\r\n").append(arg).append("\r\n");
        }
        out.write(resp.toString().getBytes(StandardCharsets.UTF_8));
        out.flush();
        StringBuilder reply = new StringBuilder();
        int c;
        while ((c = in.read()) != -1 && c != '\n') {
            reply.append((char) c);
        }
        if (reply.charAt(0) == '-') {
            throw new IOException("Redis refused " + args[0] + ": " + reply);
        }
        if (reply.charAt(0) == '$') {
            int length = Integer.parseInt(reply.substring(1).strip());
            if (length >= 0) {
                in.readNBytes(length + 2);
            }
        }
    }

    private double percentile(double fraction) {
        long total = 0;
        for (int i = 0; i < BUCKETS; i++) {
            total += latencies.get(i);
        }
        if (total == 0) {
            return Double.NaN;
        }
        long rank = Math.max(1, (long) Math.ceil(total * fraction));
        long seen = 0;
        for (int i = 0; i < BUCKETS; i++) {
            seen += latencies.get(i);
            if (seen >= rank) {
                return (i + 1) * BUCKET_NANOS / 1e6;
            }
        }
        return Double.NaN;
    }

    /** The dashboard's heap after a full collection and its resident memory, in bytes. */
    private Memory memory() throws IOException, InterruptedException {
        String pid = settings.get("pid");
        new ProcessBuilder("jcmd", pid, "GC.run")
                .redirectErrorStream(true)
                .start()
                .waitFor(60, TimeUnit.SECONDS);
        Thread.sleep(500);
        long heap = metricsSum("jvm_memory_used_bytes{area=\"heap\"");
        long rss = 0;
        for (String line : Files.readAllLines(Path.of("/proc", pid, "status"))) {
            if (line.startsWith("VmRSS:")) {
                rss = Long.parseLong(line.replaceAll("[^0-9]", "")) * 1024;
            }
        }
        return new Memory(heap, rss);
    }

    /** CPU time (user and system) the dashboard has used, from /proc; clock ticks of 10 ms. */
    private long serverCpuNanos() throws IOException {
        String stat = Files.readString(Path.of("/proc", settings.get("pid"), "stat"));
        String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
        long ticks = Long.parseLong(fields[11]) + Long.parseLong(fields[12]);
        return ticks * 10_000_000L;
    }

    private static long clientCpuNanos() {
        return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
                .getProcessCpuTime();
    }

    /** The one-minute load average of the machine, which the dashboard and this client share. */
    private static String loadAverage() throws IOException {
        return Files.readString(Path.of("/proc/loadavg")).split(" ")[0];
    }

    private long openOnServer() {
        return metricsSum("dashboard_sse_connections");
    }

    private long metricsSum(String prefix) {
        try {
            HttpResponse<String> metrics = java.net.http.HttpClient.newHttpClient()
                    .send(
                            HttpRequest.newBuilder(url.resolve("/q/metrics")).build(),
                            HttpResponse.BodyHandlers.ofString());
            return metrics.body()
                    .lines()
                    .filter(line -> line.startsWith(prefix))
                    .mapToLong(line -> (long) Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1)))
                    .sum();
        } catch (IOException e) {
            return -1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return -1;
        }
    }

    private static String kib(long bytes) {
        return String.format(Locale.ROOT, "%.1f KiB", bytes / 1024.0);
    }

    private record Memory(long heap, long rss) {}
}
