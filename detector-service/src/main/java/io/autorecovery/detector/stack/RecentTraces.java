package io.autorecovery.detector.stack;

import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Function;

/**
 * What was worked out from the stack traces read lately. A failing call path prints the same trace
 * again and again, and working something out from one (splitting it into lines, matching every
 * frame, searching it for keywords) costs far more than looking it up. Bounded by the characters
 * of the traces it keeps rather than by their number, so that many short traces fit where a few
 * long ones would; a trace longer than {@code maxTraceChars} is worked out every time. The least
 * recently used entries go first.
 *
 * @param <V> what is worked out from a trace
 */
public final class RecentTraces<V> {

    private final long maxChars;
    private final int maxTraceChars;
    private final Map<String, V> entries = new LinkedHashMap<>(64, 0.75f, true);
    private long chars;

    /**
     * @param maxChars the characters of all the traces kept together
     * @param maxTraceChars the longest trace kept
     */
    public RecentTraces(long maxChars, int maxTraceChars) {
        this.maxChars = maxChars;
        this.maxTraceChars = maxTraceChars;
    }

    /** What {@code work} gives for the trace (which may be null), remembered for a trace short enough. */
    public V of(String stackTrace, Function<String, V> work) {
        if (stackTrace == null || stackTrace.length() > maxTraceChars || stackTrace.length() > maxChars) {
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
            if (entries.put(stackTrace, worked) == null) {
                chars += stackTrace.length();
            }
            Iterator<String> eldest = entries.keySet().iterator();
            while (chars > maxChars) {
                chars -= eldest.next().length();
                eldest.remove();
            }
        }
        return worked;
    }
}
