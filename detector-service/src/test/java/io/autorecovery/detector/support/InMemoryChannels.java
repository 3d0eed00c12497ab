package io.autorecovery.detector.support;

import io.autorecovery.contracts.Topics;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import io.smallrye.reactive.messaging.memory.InMemoryConnector;
import java.util.Map;

/** Swaps the Kafka channels for in-memory ones, so a test can feed records and read events directly. */
public class InMemoryChannels implements QuarkusTestResourceLifecycleManager {

    @Override
    public Map<String, String> start() {
        // Quoted keys, as in application.properties: the channel names contain dots.
        return Map.of(
                "mp.messaging.incoming.\"" + Topics.LOGS_RAW + "\".connector", InMemoryConnector.CONNECTOR,
                "mp.messaging.outgoing.\"" + Topics.FAULTS_DETECTED + "\".connector", InMemoryConnector.CONNECTOR);
    }

    @Override
    public void stop() {
        InMemoryConnector.clear();
    }
}
