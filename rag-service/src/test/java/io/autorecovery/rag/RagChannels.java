package io.autorecovery.rag;

import io.autorecovery.contracts.Topics;
import io.autorecovery.outbox.testing.InMemoryChannels;
import java.util.List;

/** The rag service's channels, in memory. */
public class RagChannels extends InMemoryChannels {

    @Override
    protected List<String> consumedTopics() {
        return List.of(Topics.INCIDENTS_CREATED, Topics.PATCH_PROPOSED, Topics.DEPLOY_COMPLETED);
    }
}
