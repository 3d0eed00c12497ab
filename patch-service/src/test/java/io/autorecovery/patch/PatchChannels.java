package io.autorecovery.patch;

import io.autorecovery.contracts.Topics;
import io.autorecovery.outbox.testing.InMemoryChannels;
import java.util.List;

/** The patch service's channels, in memory. */
public class PatchChannels extends InMemoryChannels {

    @Override
    protected List<String> consumedTopics() {
        return List.of(Topics.ANALYSIS_COMPLETED);
    }
}
