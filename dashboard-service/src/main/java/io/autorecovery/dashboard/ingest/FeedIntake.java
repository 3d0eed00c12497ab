package io.autorecovery.dashboard.ingest;

import io.autorecovery.contracts.EventJson;
import io.autorecovery.contracts.EventType;
import io.autorecovery.contracts.MalformedEventException;
import io.autorecovery.contracts.MeshEvent;
import io.autorecovery.contracts.Topics;
import io.autorecovery.dashboard.feed.EventFeed;
import io.autorecovery.dashboard.feed.StreamId;
import io.autorecovery.dashboard.projection.Projector;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.logging.Log;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.infrastructure.Infrastructure;
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
    private static final int PROJECTION_RETRIES = 3;
    private static final int MAX_REASON_LENGTH = 300;

    private final EventFeed feed;
    private final Projector projector;
    private final Map<String, Counter> fannedOut;
    private final Map<String, Counter> rejected;
    private final Counter duplicates;

    FeedIntake(EventFeed feed, Projector projector, MeterRegistry registry) {
        this.feed = feed;
        this.projector = projector;
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
                .call(id -> id.map(feedId -> project(topic, event, feedId)).orElseGet(Uni.createFrom()::voidItem))
                .replaceWithVoid();
    }

    /**
     * Folds a new event into the views, on a worker thread (the projector blocks). The event is in
     * the feed already, so a view that cannot be updated is logged, not sent to the dead letters.
     */
    private Uni<Void> project(String topic, MeshEvent event, StreamId feedId) {
        return Uni.createFrom()
                .item(() -> {
                    projector.apply(topic, event, feedId);
                    return feedId;
                })
                .runSubscriptionOn(Infrastructure.getDefaultWorkerPool())
                .onFailure()
                .retry()
                .withBackOff(FIRST_RETRY_DELAY, LAST_RETRY_DELAY)
                .atMost(PROJECTION_RETRIES)
                .onFailure()
                .recoverWithItem(failure -> {
                    Log.errorf(
                            "the views miss %s event %s of %s (feed entry %s): %s",
                            topic, event.eventId(), event.subject(), feedId, failure.getMessage());
                    return feedId;
                })
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
