package io.autorecovery.detector.stack;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The signatures of the stack traces read lately. A failing call path prints the same trace again
 * and again, and reading one (splitting it into lines and matching every frame) costs far more
 * than looking it up. Bounded in entries and in the length of the traces it keeps, so it holds at
 * most {@code maxEntries * maxTraceChars} characters; the least recently used entry goes first.
 */
public final class StackSignatureCache {

    private final int maxTraceChars;
    private final Map<String, Optional<StackSignature>> entries;

    public StackSignatureCache(int maxEntries, int maxTraceChars) {
        this.maxTraceChars = maxTraceChars;
        this.entries = new LinkedHashMap<>(16, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, Optional<StackSignature>> eldest) {
                return size() > maxEntries;
            }
        };
    }

    /** What {@link StackTraceReader#read} answers for the trace. */
    public Optional<StackSignature> read(String stackTrace) {
        if (stackTrace == null || stackTrace.length() > maxTraceChars) {
            return StackTraceReader.read(stackTrace);
        }
        synchronized (entries) {
            Optional<StackSignature> known = entries.get(stackTrace);
            if (known != null) {
                return known;
            }
        }
        Optional<StackSignature> read = StackTraceReader.read(stackTrace);
        synchronized (entries) {
            entries.put(stackTrace, read);
        }
        return read;
    }
}
