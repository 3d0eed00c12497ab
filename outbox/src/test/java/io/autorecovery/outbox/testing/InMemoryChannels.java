package io.autorecovery.outbox.testing;

import io.autorecovery.outbox.OutboxRelay;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import io.smallrye.reactive.messaging.memory.InMemoryConnector;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Swaps a service's Kafka channels for in-memory ones, for fast component tests: the topics it
 * consumes become in-memory sources, and the outbox relay an in-memory sink.
 */
public abstract class InMemoryChannels implements QuarkusTestResourceLifecycleManager {

    /** The topics the service consumes; each channel carries its topic's name. */
    protected abstract List<String> consumedTopics();

    @Override
    public Map<String, String> start() {
        Map<String, String> config = new HashMap<>();
        for (String topic : consumedTopics()) {
            // Channel names carry dots, so their configuration keys quote them.
            config.put("mp.messaging.incoming.\"" + topic + "\".connector", InMemoryConnector.CONNECTOR);
        }
        config.put("mp.messaging.outgoing." + OutboxRelay.CHANNEL + ".connector", InMemoryConnector.CONNECTOR);
        return config;
    }

    @Override
    public void stop() {
        InMemoryConnector.clear();
    }
}
