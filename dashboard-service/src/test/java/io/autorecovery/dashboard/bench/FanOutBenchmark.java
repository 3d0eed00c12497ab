package io.autorecovery.dashboard.bench;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.lang.management.ManagementFactory;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicLongArray;

/**
 * Measures the server-sent event fan-out of one running dashboard: opens N concurrent
 * {@code /stream} connections with a lean non-blocking client ({@link RawStreamClients}, two
 * threads, in a JVM of its own), appends events to the dashboard's Redis stream at a fixed rate,
 * each carrying the time of its append, and times each delivery from the append to its arrival at every client. Also
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
    private static final int CLIENT_THREADS = 2;

    private final Map<String, String> settings;
    private final URI url;
    private final RawStreamClients clients;
    private final AtomicLongArray latencies = new AtomicLongArray(BUCKETS);
    private final AtomicLong received = new AtomicLong();

    private FanOutBenchmark(Map<String, String> settings) throws IOException {
        this.settings = settings;
        this.url = URI.create(settings.get("url"));
        this.clients = new RawStreamClients(
                new InetSocketAddress(url.getHost(), url.getPort()),
                settings.get("token"),
                CLIENT_THREADS,
                this::record);
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
        FanOutBenchmark bench = new FanOutBenchmark(settings);
        try {
            bench.run(levels);
        } finally {
            bench.clients.close();
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
        for (int count : levels) {
            reset();
            long connectStart = System.nanoTime();
            int connected = clients.open(count, RAMP_BATCH, 60);
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
                    count,
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
            if (connected < count) {
                System.out.printf("         only %d of %d connections came up%n", connected, count);
            }
            if (clients.dropped() > 0) {
                System.out.printf(
                        "         %d connections were closed by the dashboard during the run%n", clients.dropped());
            }
            disconnectAll();
        }
    }

    private void reset() {
        for (int i = 0; i < BUCKETS; i++) {
            latencies.set(i, 0);
        }
        received.set(0);
        clients.resetDropped();
    }

    private void record(long sentAt, long now) {
        long bucket = Math.min(BUCKETS - 1, Math.max(0, (now - sentAt) / BUCKET_NANOS));
        latencies.incrementAndGet((int) bucket);
        received.incrementAndGet();
    }

    /** Closes this level's connections and waits until the dashboard has let them go too. */
    private void disconnectAll() throws InterruptedException {
        clients.closeConnections();
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
