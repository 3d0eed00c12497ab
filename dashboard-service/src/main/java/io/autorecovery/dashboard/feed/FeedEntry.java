package io.autorecovery.dashboard.feed;

import java.util.Objects;

/**
 * One pipeline event as the feed holds it.
 *
 * @param id the id of the entry in the Redis stream, also the id of its server-sent event
 * @param topic the topic the event arrived on
 * @param subject the id that threads the event's story (see {@code MeshEvent.subject()})
 * @param payload the event's JSON, as written by {@code EventJson.write}
 */
public record FeedEntry(StreamId id, String topic, String subject, String payload) {

    public FeedEntry {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(topic, "topic");
        Objects.requireNonNull(subject, "subject");
        Objects.requireNonNull(payload, "payload");
    }
}
