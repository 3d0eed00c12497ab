package io.autorecovery.incident;

import io.autorecovery.contracts.Topics;
import io.autorecovery.outbox.OutboxRelay;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import io.smallrye.reactive.messaging.memory.InMemoryConnector;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Swaps the service's Kafka channels for in-memory ones, for fast component tests. */
public class InMemoryChannels implements QuarkusTestResourceLifecycleManager {

    @Override
    public Map<String, String> start() {
        Map<String, String> config = new HashMap<>();
        for (String topic : List.of(
                Topics.FAULTS_DETECTED,
                Topics.ANALYSIS_COMPLETED,
                Topics.PATCH_PROPOSED,
                Topics.DEPLOY_REQUESTED,
                Topics.DEPLOY_COMPLETED)) {
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
