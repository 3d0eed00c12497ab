package io.autorecovery.detector.stack;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Function;

/**
 * What was worked out from the stack traces read lately. A failing call path prints the same trace
 * again and again, and working something out from one (splitting it into lines, matching every
 * frame, searching it for keywords) costs far more than looking it up. Bounded in entries and in
 * the length of the traces it keeps, so it holds at most {@code maxEntries * maxTraceChars}
 * characters of traces; the least recently used entry goes first.
 *
 * @param <V> what is worked out from a trace
 */
public final class RecentTraces<V> {

    private final int maxTraceChars;
    private final Map<String, V> entries;

    public RecentTraces(int maxEntries, int maxTraceChars) {
        this.maxTraceChars = maxTraceChars;
        this.entries = new LinkedHashMap<>(16, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, V> eldest) {
                return size() > maxEntries;
            }
        };
    }

    /** What {@code work} gives for the trace (which may be null), remembered for a trace short enough. */
    public V of(String stackTrace, Function<String, V> work) {
        if (stackTrace == null || stackTrace.length() > maxTraceChars) {
            return work.apply(stackTrace);
        }
        synchronized (entries) {
            V known = entries.get(stackTrace);
            if (known != null) {
                return known;
            }
        }
        V worked = work.apply(stackTrace);
        synchronized (entries) {
            entries.put(stackTrace, worked);
        }
        return worked;
    }
}
