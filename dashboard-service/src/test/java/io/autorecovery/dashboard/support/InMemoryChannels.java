package io.autorecovery.dashboard.support;

import io.autorecovery.dashboard.ingest.FeedIntake;
import io.quarkus.test.junit.QuarkusTestProfile;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Runs the service with the in-memory connector on every incoming channel instead of Kafka, and a
 * local stand-in for the services that operators' actions go to (see {@link RecordingServices}).
 * One profile for all component tests keeps them in one application, started once.
 */
public class InMemoryChannels implements QuarkusTestProfile {

    @Override
    public Map<String, String> getConfigOverrides() {
        return FeedIntake.PIPELINE_TOPICS.stream()
                .collect(Collectors.toMap(
                        topic -> "mp.messaging.incoming.\"" + topic + "\".connector", topic -> "smallrye-in-memory"));
    }

    @Override
    public List<TestResourceEntry> testResources() {
        return List.of(new TestResourceEntry(RecordingServices.class));
    }
}
