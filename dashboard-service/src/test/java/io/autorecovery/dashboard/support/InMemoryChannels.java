package io.autorecovery.dashboard.support;

import io.autorecovery.dashboard.ingest.FeedIntake;
import io.quarkus.test.junit.QuarkusTestProfile;
import java.util.Map;
import java.util.stream.Collectors;

/** Runs the service with the in-memory connector on every incoming channel instead of Kafka. */
public class InMemoryChannels implements QuarkusTestProfile {

    @Override
    public Map<String, String> getConfigOverrides() {
        return FeedIntake.PIPELINE_TOPICS.stream()
                .collect(Collectors.toMap(
                        topic -> "mp.messaging.incoming.\"" + topic + "\".connector", topic -> "smallrye-in-memory"));
    }
}
