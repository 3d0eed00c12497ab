package io.autorecovery.incident;

import io.autorecovery.contracts.Topics;
import io.autorecovery.incident.messaging.DeadLetters;
import io.autorecovery.outbox.testing.InMemoryChannels;
import io.smallrye.reactive.messaging.memory.InMemoryConnector;
import java.util.List;
import java.util.Map;

/** The incident service's channels, in memory, its own dead letters of faults included. */
public class IncidentChannels extends InMemoryChannels {

    @Override
    protected List<String> consumedTopics() {
        return List.of(
                Topics.FAULTS_DETECTED,
                Topics.ANALYSIS_COMPLETED,
                Topics.PATCH_PROPOSED,
                Topics.DEPLOY_REQUESTED,
                Topics.DEPLOY_COMPLETED);
    }

    @Override
    public Map<String, String> start() {
        Map<String, String> config = super.start();
        config.put("mp.messaging.outgoing." + DeadLetters.CHANNEL + ".connector", InMemoryConnector.CONNECTOR);
        // An in-memory source is one channel: no copies per Kafka consumer.
        config.put("mp.messaging.incoming.\"" + Topics.FAULTS_DETECTED + "\".concurrency", "1");
        return config;
    }
}
