package io.autorecovery.detector.source;

import io.quarkus.logging.Log;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.List;

/**
 * Follows one file as it grows and hands its complete lines to the sink. A rotated file (the
 * path now names another file) is read to its end before the new one is read from its start; a
 * truncated file is read again from its start. The offset, saved in Redis after the sink took
 * the lines, lets a restart resume exactly where the last delivery ended.
 */
final class FileTail implements AutoCloseable {

    /** Bytes read per poll before handing over what is complete. */
    static final int READ_LIMIT = 8 << 20;

    /** Most lines handed over in one call. */
    static final int BATCH_LINES = 5_000;

    private static final int CHUNK = 64 << 10;

    private final Path path;
    private final String service;
    private final FileOffsetStore offsets;
    private final LineSink sink;
    private final int maxLineLength;
    private FileChannel channel;
    private String openKey;
    private long offset;

    FileTail(Path path, String service, FileOffsetStore offsets, LineSink sink, int maxLineLength) {
        this.path = path.toAbsolutePath().normalize();
        this.service = service;
        this.offsets = offsets;
        this.sink = sink;
        this.maxLineLength = maxLineLength;
    }

    Path path() {
        return path;
    }

    /** Reads what is new; returns the number of lines handed over. */
    int poll() throws IOException {
        if (channel == null && !open()) {
            return 0;
        }
        if (channel.size() < offset) {
            Log.infof("File %s was truncated; reading it again from the start", path);
            moveTo(0);
        }
        int delivered = drain();
        String current = keyOf(path);
        if (current != null && !current.equals(openKey)) {
            delivered += drain();
            close();
            Log.infof("File %s was rotated; reading the new file from the start", path);
            if (open()) {
                delivered += drain();
            }
        }

        return delivered;
    }

    private boolean open() throws IOException {
        try {
            channel = FileChannel.open(path, StandardOpenOption.READ);
        } catch (NoSuchFileException e) {
            return false;
        }
        openKey = keyOf(path);
        long size = channel.size();
        offset = offsets.load(path)
                .filter(saved -> saved.fileKey().equals(openKey) && saved.offset() <= size)
                .map(FileOffset::offset)
                .orElse(0L);
        Log.debugf("Tailing %s from byte %d", path, offset);

        return true;
    }

    private int drain() throws IOException {
        LineSplitter lines = new LineSplitter(maxLineLength, offset);
        ByteBuffer buffer = ByteBuffer.allocate(CHUNK);
        long position = offset;
        long size = channel.size();
        int delivered = 0;
        while (position < size && (position - offset < READ_LIMIT || lines.pending() == 0)) {
            buffer.clear();
            int read = channel.read(buffer, position);
            if (read <= 0) {
                break;
            }
            lines.feed(buffer.array(), read, position);
            position += read;
            if (lines.pending() >= BATCH_LINES) {
                delivered += handOver(lines);
            }
        }

        return delivered + handOver(lines);
    }

    private int handOver(LineSplitter lines) {
        List<String> batch = lines.take();
        if (batch.isEmpty()) {
            return 0;
        }
        sink.accept(service, batch);
        moveTo(lines.consumed());

        return batch.size();
    }

    private void moveTo(long position) {
        offset = position;
        offsets.save(path, new FileOffset(openKey, offset));
    }

    /** The file's identity: device and inode where available, else its creation time. */
    private static String keyOf(Path file) throws IOException {
        try {
            BasicFileAttributes attributes = Files.readAttributes(file, BasicFileAttributes.class);
            Object key = attributes.fileKey();

            return key != null
                    ? key.toString()
                    : "created:" + attributes.creationTime().toMillis();
        } catch (NoSuchFileException e) {
            return null;
        }
    }

    @Override
    public void close() throws IOException {
        if (channel != null) {
            channel.close();
            channel = null;
        }
    }
}
