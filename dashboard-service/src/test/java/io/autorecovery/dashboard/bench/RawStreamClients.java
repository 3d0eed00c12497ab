package io.autorecovery.dashboard.bench;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Many concurrent {@code GET /stream} connections, each a plain socket read by one of a few NIO
 * selector threads. The bench shares the machine with the dashboard it measures, so the client
 * does as little as it can per delivery: one read per ready socket into a shared buffer and a
 * byte scan for each event's {@code "sentAt":} number, with no HTTP decoding, lines or strings.
 * Each write of the dashboard is one chunk holding whole frames, so a chunk header never falls
 * inside the number.
 */
final class RawStreamClients implements AutoCloseable {

    /** Receives the append time carried by one delivered event and the time it arrived. */
    interface Arrivals {
        void arrived(long sentAtNanos, long nowNanos);
    }

    private static final byte[] SENT_AT = "\"sentAt\":".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] HEAD_END = "\r\n\r\n".getBytes(StandardCharsets.US_ASCII);
    private static final String OK_STATUS = "HTTP/1.1 200";

    private final InetSocketAddress address;
    private final byte[] request;
    private final Arrivals arrivals;
    private final List<Loop> loops = new ArrayList<>();
    private final AtomicLong dropped = new AtomicLong();
    private int next;

    RawStreamClients(InetSocketAddress address, String bearerToken, int threads, Arrivals arrivals) throws IOException {
        this.address = address;
        this.arrivals = arrivals;
        this.request = ("GET /stream HTTP/1.1\r\nHost: " + address.getHostString() + ":" + address.getPort()
                        + "\r\nAccept: text/event-stream\r\nAuthorization: Bearer " + bearerToken + "\r\n\r\n")
                .getBytes(StandardCharsets.US_ASCII);
        for (int i = 0; i < threads; i++) {
            Loop loop = new Loop(Selector.open(), "stream-client-" + i);
            loops.add(loop);
            loop.thread.start();
        }
    }

    /**
     * Opens connections in batches and waits for each batch's response heads; returns how many
     * came up with a 200 before the timeout or a failure.
     */
    int open(int count, int batchSize, long timeoutSeconds) throws InterruptedException {
        int up = 0;
        while (up < count) {
            int batch = Math.min(batchSize, count - up);
            CountDownLatch heads = new CountDownLatch(batch);
            Connection[] opened = new Connection[batch];
            for (int i = 0; i < batch; i++) {
                opened[i] = connect(heads);
                if (opened[i] == null) {
                    return up + i;
                }
            }
            if (!heads.await(timeoutSeconds, TimeUnit.SECONDS)) {
                return up;
            }
            for (Connection connection : opened) {
                if (!connection.accepted) {
                    System.out.println("         the dashboard answered: " + connection.status());
                    return up;
                }
            }
            up += batch;
        }
        return up;
    }

    /** Connections the dashboard closed while they were open; the bench's own closes do not count. */
    long dropped() {
        return dropped.get();
    }

    void resetDropped() {
        dropped.set(0);
    }

    /** Closes every open connection and waits until the reading threads have let them go. */
    void closeConnections() throws InterruptedException {
        CountDownLatch done = new CountDownLatch(loops.size());
        for (Loop loop : loops) {
            loop.submit(() -> {
                loop.closeAll();
                done.countDown();
            });
        }
        done.await(60, TimeUnit.SECONDS);
    }

    @Override
    public void close() throws InterruptedException {
        closeConnections();
        for (Loop loop : loops) {
            loop.thread.interrupt();
            loop.selector.wakeup();
            loop.thread.join(TimeUnit.SECONDS.toMillis(10));
        }
    }

    /** Connects and sends the request while blocking, then hands the socket to a reading thread. */
    private Connection connect(CountDownLatch heads) {
        try {
            SocketChannel channel = SocketChannel.open(address);
            channel.socket().setTcpNoDelay(true);
            channel.write(ByteBuffer.wrap(request));
            channel.configureBlocking(false);
            Connection connection = new Connection(channel, heads);
            Loop loop = loops.get(next++ % loops.size());
            loop.submit(() -> loop.register(connection));

            return connection;
        } catch (IOException e) {
            System.out.println("         a connection failed: " + e.getMessage());
            return null;
        }
    }

    /** One selector thread and the connections it reads. */
    private final class Loop implements Runnable {

        private final Selector selector;
        private final Thread thread;
        private final Queue<Runnable> tasks = new ConcurrentLinkedQueue<>();
        private final List<Connection> connections = new ArrayList<>();
        private final ByteBuffer buffer = ByteBuffer.allocateDirect(64 * 1024);

        Loop(Selector selector, String name) {
            this.selector = selector;
            this.thread = new Thread(this, name);
            thread.setDaemon(true);
        }

        void submit(Runnable task) {
            tasks.add(task);
            selector.wakeup();
        }

        @Override
        public void run() {
            while (!Thread.currentThread().isInterrupted()) {
                try {
                    selector.select();
                    for (Runnable task; (task = tasks.poll()) != null; ) {
                        task.run();
                    }
                    long now = System.nanoTime();
                    for (SelectionKey key : selector.selectedKeys()) {
                        read((Connection) key.attachment(), now);
                    }
                    selector.selectedKeys().clear();
                } catch (IOException e) {
                    System.out.println("         a reading thread failed: " + e.getMessage());
                    return;
                }
            }
        }

        void register(Connection connection) {
            try {
                connection.key = connection.channel.register(selector, SelectionKey.OP_READ, connection);
                connections.add(connection);
            } catch (IOException e) {
                connection.ended(false);
            }
        }

        void closeAll() {
            for (Connection connection : connections) {
                connection.ended(true);
            }
            connections.clear();
        }

        private void read(Connection connection, long now) {
            try {
                buffer.clear();
                int read = connection.channel.read(buffer);
                if (read < 0) {
                    connections.remove(connection);
                    connection.ended(false);
                    return;
                }
                connection.scan(buffer, read, now);
            } catch (IOException e) {
                connections.remove(connection);
                connection.ended(false);
            }
        }
    }

    /** One open stream: the state of its head and of the number being read, across reads. */
    private final class Connection {

        private final SocketChannel channel;
        private final CountDownLatch heads;
        private final StringBuilder statusLine = new StringBuilder();
        private SelectionKey key;
        private boolean headRead;
        private boolean accepted;
        private boolean closed;
        private int headEndMatched;
        private int sentAtMatched;
        private boolean inNumber;
        private long number;

        Connection(SocketChannel channel, CountDownLatch heads) {
            this.channel = channel;
            this.heads = heads;
        }

        String status() {
            return statusLine.toString().strip();
        }

        void scan(ByteBuffer bytes, int length, long now) {
            for (int i = 0; i < length; i++) {
                byte b = bytes.get(i);
                if (!headRead) {
                    head(b);
                    continue;
                }
                if (inNumber) {
                    if (b >= '0' && b <= '9') {
                        number = number * 10 + (b - '0');
                        continue;
                    }
                    inNumber = false;
                    arrivals.arrived(number, now);
                }
                sentAtMatched = advance(SENT_AT, sentAtMatched, b);
                if (sentAtMatched == SENT_AT.length) {
                    sentAtMatched = 0;
                    inNumber = true;
                    number = 0;
                }
            }
        }

        private void head(byte b) {
            if (statusLine.length() < 64
                    && (statusLine.isEmpty() || statusLine.charAt(statusLine.length() - 1) != '\n')) {
                statusLine.append((char) b);
            }
            headEndMatched = advance(HEAD_END, headEndMatched, b);
            if (headEndMatched == HEAD_END.length) {
                headRead = true;
                accepted = statusLine.toString().startsWith(OK_STATUS);
                heads.countDown();
            }
        }

        void ended(boolean byUs) {
            if (closed) {
                return;
            }
            closed = true;
            if (!byUs) {
                dropped.incrementAndGet();
            }
            if (!headRead) {
                heads.countDown();
            }
            if (key != null) {
                key.cancel();
            }
            try {
                channel.close();
            } catch (IOException e) {
                // Closing a socket the peer has already closed: nothing is left to release.
            }
        }

        private static int advance(byte[] pattern, int matched, byte b) {
            if (pattern[matched] == b) {
                return matched + 1;
            }
            return pattern[0] == b ? 1 : 0;
        }
    }
}
