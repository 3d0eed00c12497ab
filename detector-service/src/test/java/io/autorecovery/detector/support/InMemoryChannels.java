package io.autorecovery.detector.support;

import io.autorecovery.contracts.Topics;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import io.smallrye.reactive.messaging.memory.InMemoryConnector;
import java.util.Map;

/**
 * Swaps the Kafka channel of {@code faults.detected} for an in-memory one and turns the reader of
 * {@code logs.raw} off, so that a test hands records to the detector and reads its events directly.
 */
public class InMemoryChannels implements QuarkusTestResourceLifecycleManager {

    @Override
    public Map<String, String> start() {
        // Quoted keys, as in application.properties: the channel names contain dots.
        return Map.of(
                "detector.logs-raw.enabled",
                "false",
                "mp.messaging.outgoing.\"" + Topics.FAULTS_DETECTED + "\".connector",
                InMemoryConnector.CONNECTOR);
    }

    @Override
    public void stop() {
        InMemoryConnector.clear();
    }
}
