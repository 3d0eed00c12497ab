package io.autorecovery.detector.source;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Cuts bytes read from a file into lines at {@code \n} (dropping a {@code \r} before it) and keeps
 * at most {@code maxLength} characters of each: a longer line keeps its head and ends with a
 * marker saying how long it was. Invalid UTF-8 reads as U+FFFD. A last line without its newline
 * stays pending, since the writer may not have finished it.
 */
final class LineSplitter {

    private final int maxLength;
    private final int maxBytes;
    private final ByteArrayOutputStream current = new ByteArrayOutputStream();
    private final List<String> lines = new ArrayList<>();
    private long currentBytes;
    private long consumed;

    LineSplitter(int maxLength, long startPosition) {
        this.maxLength = maxLength;
        // UTF-8 takes at most 4 bytes a character: beyond, the line is cut whatever it holds.
        this.maxBytes = maxLength * 4;
        this.consumed = startPosition;
    }

    /** Takes {@code length} bytes of {@code chunk} that sit at {@code position} in the file. */
    void feed(byte[] chunk, int length, long position) {
        int from = 0;
        for (int i = 0; i < length; i++) {
            if (chunk[i] == '\n') {
                keep(chunk, from, i);
                finishLine();
                consumed = position + i + 1;
                from = i + 1;
            }
        }
        keep(chunk, from, length);
    }

    /** Complete lines since the last {@link #take()}. */
    int pending() {
        return lines.size();
    }

    List<String> take() {
        List<String> taken = List.copyOf(lines);
        lines.clear();

        return taken;
    }

    /** The file position just after the last complete line. */
    long consumed() {
        return consumed;
    }

    private void keep(byte[] chunk, int from, int to) {
        currentBytes += to - from;
        int room = maxBytes - current.size();
        if (room > 0) {
            current.write(chunk, from, Math.min(room, to - from));
        }
    }

    private void finishLine() {
        byte[] bytes = current.toByteArray();
        boolean cut = currentBytes > bytes.length;
        int length = bytes.length;
        if (!cut && length > 0 && bytes[length - 1] == '\r') {
            length--;
        }
        String line = new String(bytes, 0, length, StandardCharsets.UTF_8);
        lines.add(cut || line.length() > maxLength ? truncated(line, currentBytes) : line);
        current.reset();
        currentBytes = 0;
    }

    private String truncated(String head, long bytes) {
        String marker = "… [truncated from " + bytes + " bytes]";
        int keep = Math.max(0, Math.min(head.length(), maxLength - marker.length()));
        if (keep > 0 && Character.isHighSurrogate(head.charAt(keep - 1))) {
            keep--;
        }

        return head.substring(0, keep) + marker;
    }
}
