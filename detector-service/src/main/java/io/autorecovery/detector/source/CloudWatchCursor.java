package io.autorecovery.detector.source;

import java.util.HashMap;
import java.util.Map;
import software.amazon.awssdk.services.cloudwatchlogs.model.FilteredLogEvent;

/**
 * How far a log group has been read: the next query starts at {@code startTime} (inclusive), and
 * {@code seen} holds the ids, with their timestamps, of events at or after it already delivered.
 * So a restart repeats no event even when many share one millisecond, and skips none.
 */
public record CloudWatchCursor(long startTime, Map<String, Long> seen) {

    public CloudWatchCursor {
        seen = Map.copyOf(seen);
    }

    static CloudWatchCursor startingAt(long startTime) {
        return new CloudWatchCursor(startTime, Map.of());
    }

    boolean covers(FilteredLogEvent event) {
        return event.timestamp() < startTime || seen.containsKey(event.eventId());
    }

    /** The cursor once these events have been handed over. */
    CloudWatchCursor withDelivered(Iterable<FilteredLogEvent> events) {
        Map<String, Long> more = new HashMap<>(seen);
        for (FilteredLogEvent event : events) {
            more.put(event.eventId(), event.timestamp());
        }

        return new CloudWatchCursor(startTime, more);
    }

    /**
     * The cursor once every event up to {@code timestamp} has been handed over: later queries start
     * there, and only the ids at exactly that millisecond need remembering.
     */
    CloudWatchCursor advancedTo(long timestamp) {
        if (timestamp <= startTime) {
            return this;
        }
        Map<String, Long> atEnd = new HashMap<>();
        seen.forEach((id, at) -> {
            if (at >= timestamp) {
                atEnd.put(id, at);
            }
        });

        return new CloudWatchCursor(timestamp, atEnd);
    }
}
