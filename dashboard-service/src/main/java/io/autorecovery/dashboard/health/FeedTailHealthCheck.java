package io.autorecovery.dashboard.health;

import io.autorecovery.dashboard.feed.EventFeed;
import io.autorecovery.dashboard.feed.FeedHub;
import io.autorecovery.dashboard.feed.FeedTail;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponseBuilder;
import org.eclipse.microprofile.health.Readiness;

/** Ready when the tail of the Redis stream is reading, so that browsers receive live events. */
@Readiness
@ApplicationScoped
public class FeedTailHealthCheck implements HealthCheck {

    static final String NAME = "Dashboard feed tail";

    private final FeedTail tail;
    private final FeedHub hub;

    FeedTailHealthCheck(FeedTail tail, FeedHub hub) {
        this.tail = tail;
        this.hub = hub;
    }

    @Override
    public HealthCheckResponse call() {
        String failure = tail.lastFailure();
        HealthCheckResponseBuilder response = HealthCheckResponse.named(NAME)
                .status(hub.isLive() && failure == null)
                .withData("stream", EventFeed.STREAM_KEY)
                .withData("connections", hub.connectionCount());
        if (failure != null) {
            response.withData("lastFailure", failure);
        }
        return response.build();
    }
}
