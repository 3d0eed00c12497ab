package io.autorecovery.deployer;

import io.autorecovery.contracts.Topics;
import io.autorecovery.outbox.testing.InMemoryChannels;
import java.util.List;

/** The deployer's channels, in memory. */
public class DeployerChannels extends InMemoryChannels {

    @Override
    protected List<String> consumedTopics() {
        return List.of(Topics.PATCH_PROPOSED, Topics.INCIDENTS_UPDATED, Topics.DEPLOY_REQUESTED);
    }
}
