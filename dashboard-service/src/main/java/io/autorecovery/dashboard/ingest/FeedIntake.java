package io.autorecovery.dashboard.ingest;

import io.autorecovery.contracts.EventJson;
import io.autorecovery.contracts.EventType;
import io.autorecovery.contracts.MalformedEventException;
import io.autorecovery.contracts.MeshEvent;
import io.autorecovery.contracts.Topics;
import io.autorecovery.dashboard.feed.EventFeed;
import io.autorecovery.dashboard.feed.StreamId;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.logging.Log;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Reads each pipeline record as the event its topic carries and appends the good ones to the
 * feed. A record that is not such an event fails here and never reaches a browser.
 */
@ApplicationScoped
public class FeedIntake {

    /** The topics fanned out to browsers: every pipeline topic, not raw logs. */
    public static final List<String> PIPELINE_TOPICS = List.of(
            Topics.FAULTS_DETECTED,
            Topics.INCIDENTS_CREATED,
            Topics.INCIDENTS_UPDATED,
            Topics.ANALYSIS_COMPLETED,
            Topics.PATCH_PROPOSED,
            Topics.DEPLOY_REQUESTED,
            Topics.DEPLOY_COMPLETED);

    private static final int APPEND_RETRIES = 8;
    private static final Duration FIRST_RETRY_DELAY = Duration.ofMillis(200);
    private static final Duration LAST_RETRY_DELAY = Duration.ofSeconds(2);
    private static final int MAX_REASON_LENGTH = 300;

    private final EventFeed feed;
    private final Map<String, Counter> fannedOut;
    private final Map<String, Counter> rejected;
    private final Counter duplicates;

    FeedIntake(EventFeed feed, MeterRegistry registry) {
        this.feed = feed;
        this.fannedOut =
                countersPerTopic(registry, "dashboard.events.fanned.out", "Pipeline events appended to the feed");
        this.rejected =
                countersPerTopic(registry, "dashboard.events.rejected", "Records that were not readable events");
        this.duplicates = Counter.builder("dashboard.events.duplicate")
                .description("Redelivered events that the feed already held")
                .register(registry);
    }

    /**
     * Appends the record to the feed. The returned Uni fails with {@link MalformedEventException}
     * for a record that is not the event its topic carries, and with the store's failure when Redis
     * stays unreachable through a few retries.
     */
    public Uni<Void> accept(String topic, String json) {
        MeshEvent event;
        try {
            event = EventJson.read(json, EventType.ofTopic(topic).recordType());
        } catch (MalformedEventException e) {
            rejected.get(topic).increment();
            Log.warnf(
                    "rejected a record on %s, it goes to %s: %s",
                    topic, Topics.deadLetter(topic), shortened(e.getMessage()));
            return Uni.createFrom().failure(e);
        }

        return feed.append(topic, event)
                .onFailure()
                .retry()
                .withBackOff(FIRST_RETRY_DELAY, LAST_RETRY_DELAY)
                .atMost(APPEND_RETRIES)
                .invoke(id -> appended(topic, event, id))
                .onFailure()
                .invoke(failure -> Log.errorf(
                        "cannot append %s event %s to %s, it goes to %s: %s",
                        topic, event.eventId(), EventFeed.STREAM_KEY, Topics.deadLetter(topic), failure.getMessage()))
                .replaceWithVoid();
    }

    private void appended(String topic, MeshEvent event, Optional<StreamId> id) {
        if (id.isEmpty()) {
            duplicates.increment();
            Log.debugf("%s event %s is in the feed already", topic, event.eventId());
            return;
        }
        fannedOut.get(topic).increment();
        Log.debugf("%s event %s of %s is feed entry %s", topic, event.eventId(), event.subject(), id.get());
    }

    private static Map<String, Counter> countersPerTopic(MeterRegistry registry, String name, String description) {
        Function<String, Counter> counter = topic -> Counter.builder(name)
                .description(description)
                .tag("topic", topic)
                .register(registry);

        return PIPELINE_TOPICS.stream().collect(Collectors.toUnmodifiableMap(topic -> topic, counter));
    }

    private static String shortened(String reason) {
        if (reason == null || reason.length() <= MAX_REASON_LENGTH) {
            return reason;
        }
        return reason.substring(0, MAX_REASON_LENGTH) + "...";
    }
}
