package io.autorecovery.incident;

import io.autorecovery.contracts.Topics;
import io.autorecovery.outbox.testing.InMemoryChannels;
import java.util.List;

/** The incident service's channels, in memory. */
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
}
