package io.autorecovery.detector.source;

import io.autorecovery.detector.FaultSignal;
import io.quarkus.logging.Log;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.core.exception.SdkServiceException;
import software.amazon.awssdk.services.cloudwatchlogs.CloudWatchLogsClient;
import software.amazon.awssdk.services.cloudwatchlogs.model.FilterLogEventsRequest;
import software.amazon.awssdk.services.cloudwatchlogs.model.FilterLogEventsResponse;
import software.amazon.awssdk.services.cloudwatchlogs.model.FilteredLogEvent;

/**
 * Reads one log group with FilterLogEvents from its cursor to the present, page by page, and
 * hands each log stream's lines to the sink. The cursor moves, and is saved, only after the sink
 * took the lines. Throttling, 5xx answers and I/O errors are retried with backoff and jitter.
 */
final class LogGroupPoller {

    /** Retries of one call before the poll gives up until the next interval. */
    static final int MAX_RETRIES = 8;

    private final SourceEntry group;
    private final CloudWatchLogsClient client;
    private final CloudWatchCursorStore cursors;
    private final LineSink sink;
    private final Backoff backoff;
    private final Sleeper sleeper;
    private final Clock clock;
    private final Duration initialLookback;

    LogGroupPoller(
            SourceEntry group,
            CloudWatchLogsClient client,
            CloudWatchCursorStore cursors,
            LineSink sink,
            Backoff backoff,
            Sleeper sleeper,
            Clock clock,
            Duration initialLookback) {
        this.group = group;
        this.client = client;
        this.cursors = cursors;
        this.sink = sink;
        this.backoff = backoff;
        this.sleeper = sleeper;
        this.clock = clock;
        this.initialLookback = initialLookback;
    }

    String logGroup() {
        return group.name();
    }

    /** Reads everything new in the group; returns how many events were handed over. */
    int poll() throws InterruptedException {
        CloudWatchCursor cursor = cursors.load(group.name())
                .orElseGet(() -> CloudWatchCursor.startingAt(clock.millis() - initialLookback.toMillis()));
        long startTime = cursor.startTime();
        String token = null;
        int delivered = 0;
        do {
            FilterLogEventsResponse page = fetch(startTime, token);
            if (page == null) {
                return delivered;
            }
            CloudWatchCursor before = cursor;
            List<FilteredLogEvent> fresh = page.events().stream()
                    .filter(event -> !before.covers(event))
                    .toList();
            cursor = deliver(cursor, fresh);
            cursor = cursor.advancedTo(latest(page.events(), cursor.startTime()));
            cursors.save(group.name(), cursor);
            delivered += fresh.size();
            token = page.nextToken();
        } while (token != null);

        return delivered;
    }

    /** Hands over each stream's events in order, saving the cursor after each stream. */
    private CloudWatchCursor deliver(CloudWatchCursor cursor, List<FilteredLogEvent> events) {
        Map<String, List<FilteredLogEvent>> byStream = new LinkedHashMap<>();
        for (FilteredLogEvent event : events) {
            byStream.computeIfAbsent(event.logStreamName(), stream -> new ArrayList<>())
                    .add(event);
        }
        CloudWatchCursor moved = cursor;
        for (Map.Entry<String, List<FilteredLogEvent>> stream : byStream.entrySet()) {
            List<String> lines =
                    stream.getValue().stream().map(FilteredLogEvent::message).toList();
            sink.accept(serviceOf(stream.getKey()), lines);
            moved = moved.withDelivered(stream.getValue());
            if (byStream.size() > 1) {
                cursors.save(group.name(), moved);
            }
        }

        return moved;
    }

    private static long latest(List<FilteredLogEvent> events, long from) {
        long latest = from;
        for (FilteredLogEvent event : events) {
            latest = Math.max(latest, event.timestamp());
        }

        return latest;
    }

    /**
     * The configured service of the group, else the first segment of the stream's name (ECS's
     * {@code awslogs} driver names streams {@code prefix/container/task-id}).
     */
    String serviceOf(String stream) {
        if (group.service().isPresent()) {
            return group.service().get();
        }
        String first = stream == null ? "" : stream.split("/", 2)[0].strip();
        String name = first.replaceAll("[\\s\\p{Cntrl}]+", "-");
        if (name.length() > FaultSignal.MAX_SERVICE_LENGTH) {
            name = name.substring(0, FaultSignal.MAX_SERVICE_LENGTH);
        }

        return FaultSignal.serviceNameProblem(name).isEmpty() ? name : "unknown";
    }

    /** One page, retried while throttled or failing; null when the retries ran out. */
    private FilterLogEventsResponse fetch(long startTime, String token) throws InterruptedException {
        FilterLogEventsRequest request = FilterLogEventsRequest.builder()
                .logGroupName(group.name())
                .startTime(startTime)
                .nextToken(token)
                .build();
        backoff.reset();
        while (true) {
            try {
                return client.filterLogEvents(request);
            } catch (SdkServiceException | SdkClientException e) {
                if (!retryable(e) || backoff.attempts() >= MAX_RETRIES) {
                    Log.warnf("CloudWatch log group %s not read this time: %s", group.name(), e.getMessage());
                    return null;
                }
                Duration wait = backoff.next();
                Log.debugf("CloudWatch log group %s: %s; retrying in %s", group.name(), e.getMessage(), wait);
                sleeper.sleep(wait);
            }
        }
    }

    static boolean retryable(RuntimeException e) {
        if (e instanceof SdkServiceException service) {
            return service.isThrottlingException() || service.statusCode() == 429 || service.statusCode() >= 500;
        }

        return e instanceof SdkClientException;
    }
}
