package io.autorecovery.detector.ingest;

import io.autorecovery.contracts.LogRecord;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Assembles multi-line records (a log line and the stack trace under it) from parsed lines that
 * may interleave several services and threads. A record stays open per service and thread until
 * the next head line of that service and thread, until it is flushed, or until too many records
 * are open; a continuation line joins the open record of its thread, or else the latest record of
 * its service. Not thread-safe: one assembler serves one batch, or one consumer under a lock.
 *
 * @param <T> what each line came from, handed back with the record it became part of
 */
final class RecordAssembler<T> {

    /** Records open at once; beyond, the oldest is completed. */
    static final int MAX_OPEN_RECORDS = 256;

    private final int maxLines;
    private final int maxChars;
    private final LinkedHashMap<Key, OpenRecord<T>> open = new LinkedHashMap<>();
    private final Map<String, Key> latestOfService = new HashMap<>();

    RecordAssembler(int maxLines, int maxChars) {
        this.maxLines = maxLines;
        this.maxChars = maxChars;
    }

    /** A completed record and the sources of all its lines; a null record when they made none. */
    record Assembled<T>(LogRecord record, List<T> sources, boolean truncated) {}

    /** Adds a line; returns the records it completed, in the order they were opened. */
    List<Assembled<T>> add(ParsedLine line, T source, Instant receivedAt, long now) {
        OpenRecord<T> target = targetOf(line.service(), line.thread());
        if (target != null && (line.continuation() || target.continuesInContext(line))) {
            target.append(line.message(), source, now);
            return List.of();
        }
        if (line.message().isBlank() && line.stackTrace() == null) {
            if (target != null) {
                target.absorb(source, now);
                return List.of();
            }
            return List.of(new Assembled<>(null, List.of(source), false));
        }

        List<Assembled<T>> done = new ArrayList<>(2);
        Key key = new Key(line.service(), line.thread());
        OpenRecord<T> previous = open.remove(key);
        if (previous != null) {
            done.add(complete(previous));
        }
        open.put(key, new OpenRecord<>(line, source, receivedAt, maxLines, maxChars, now));
        latestOfService.put(line.service(), key);
        if (open.size() > MAX_OPEN_RECORDS) {
            done.add(remove(open.keySet().iterator().next()));
        }

        return done;
    }

    /** Completes every open record. */
    List<Assembled<T>> flush() {
        List<Assembled<T>> done = new ArrayList<>(open.size());
        for (OpenRecord<T> record : open.values()) {
            done.add(complete(record));
        }
        open.clear();
        latestOfService.clear();

        return done;
    }

    /** Completes the records no line has joined since idleSince, and those opened before openedBefore. */
    List<Assembled<T>> flushIdle(long idleSince, long openedBefore) {
        List<Assembled<T>> done = new ArrayList<>();
        Iterator<Map.Entry<Key, OpenRecord<T>>> entries = open.entrySet().iterator();
        while (entries.hasNext()) {
            Map.Entry<Key, OpenRecord<T>> entry = entries.next();
            if (entry.getValue().lastTouched <= idleSince || entry.getValue().openedAt <= openedBefore) {
                entries.remove();
                latestOfService.remove(entry.getKey().service(), entry.getKey());
                done.add(complete(entry.getValue()));
            }
        }
        return done;
    }

    boolean isEmpty() {
        return open.isEmpty();
    }

    private OpenRecord<T> targetOf(String service, String thread) {
        if (thread != null) {
            OpenRecord<T> ofThread = open.get(new Key(service, thread));
            if (ofThread != null) {
                return ofThread;
            }
        }
        Key latest = latestOfService.get(service);
        return latest == null ? null : open.get(latest);
    }

    private Assembled<T> remove(Key key) {
        OpenRecord<T> record = open.remove(key);
        latestOfService.remove(key.service(), key);
        return complete(record);
    }

    private static <T> Assembled<T> complete(OpenRecord<T> record) {
        return new Assembled<>(record.toRecord(), record.sources(), record.truncated());
    }

    /** Where a record is open: its service and thread. Equality written out, as it runs for every line. */
    private record Key(String service, String thread) {
        Key {
            Objects.requireNonNull(service, "service");
        }

        @Override
        public boolean equals(Object other) {
            return other instanceof Key key && service.equals(key.service) && Objects.equals(thread, key.thread);
        }

        @Override
        public int hashCode() {
            return 31 * service.hashCode() + (thread == null ? 0 : thread.hashCode());
        }
    }
}
