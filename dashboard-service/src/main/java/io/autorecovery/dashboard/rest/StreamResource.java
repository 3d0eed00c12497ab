package io.autorecovery.dashboard.rest;

import io.autorecovery.dashboard.DashboardConfig;
import io.autorecovery.dashboard.feed.FeedEntry;
import io.autorecovery.dashboard.feed.FeedFrame;
import io.autorecovery.dashboard.feed.FeedHub;
import io.autorecovery.dashboard.feed.FeedSignal;
import io.autorecovery.dashboard.feed.StartPoint;
import io.autorecovery.dashboard.feed.StreamId;
import io.smallrye.mutiny.Multi;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.sse.OutboundSseEvent;
import jakarta.ws.rs.sse.Sse;
import java.util.Map;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.ResponseHeader;

/** Every pipeline event, live, as server-sent events; a client that reconnects resumes by id. */
@Path("/stream")
@Tag(name = "Event stream")
public class StreamResource {

    static final String LAST_EVENT_ID = "Last-Event-ID";

    private final FeedHub hub;
    private final DashboardConfig.Sse settings;

    StreamResource(FeedHub hub, DashboardConfig config) {
        this.hub = hub;
        this.settings = config.sse();
    }

    @GET
    @Produces(MediaType.SERVER_SENT_EVENTS)
    @ResponseHeader(name = "Cache-Control", value = "no-cache")
    @ResponseHeader(name = "X-Accel-Buffering", value = "no")
    @Operation(
            summary = "Pipeline events as server-sent events",
            description = "Each event has the feed id as id, the topic as name, and as data "
                    + "{\"topic\", \"subject\", \"event\"}. With Last-Event-ID the entries after it "
                    + "come first; without it, only live events, or the newest `replay` ones first.")
    public Multi<OutboundSseEvent> stream(
            @Parameter(description = "Id of the last event received; set by browsers on reconnect")
                    @HeaderParam(LAST_EVENT_ID)
                    String lastEventIdHeader,
            @Parameter(description = "Same as the Last-Event-ID header, for clients that cannot set it")
                    @QueryParam("lastEventId")
                    String lastEventIdQuery,
            @Parameter(description = "Without a last event id: how many of the newest events to send first")
                    @QueryParam("replay")
                    String replay,
            @Context Sse sse) {
        StartPoint start = startPoint(lastEventIdHeader, lastEventIdQuery, replay);
        if (!hub.isLive()) {
            throw problem(Response.Status.SERVICE_UNAVAILABLE, "the event feed is not reachable yet");
        }

        return hub.open(start).map(frame -> event(sse, frame));
    }

    private StartPoint startPoint(String lastEventIdHeader, String lastEventIdQuery, String replay) {
        String lastEventId = isBlank(lastEventIdHeader) ? lastEventIdQuery : lastEventIdHeader;
        if (!isBlank(lastEventId)) {
            return StartPoint.after(lastEventId(lastEventId));
        }
        if (!isBlank(replay)) {
            return StartPoint.latest(replayCount(replay));
        }
        return StartPoint.live();
    }

    private StreamId lastEventId(String text) {
        try {
            return StreamId.parse(text);
        } catch (IllegalArgumentException e) {
            throw problem(Response.Status.BAD_REQUEST, "Last-Event-ID: " + e.getMessage());
        }
    }

    private int replayCount(String text) {
        int count;
        try {
            count = Integer.parseInt(text.strip());
        } catch (NumberFormatException e) {
            count = -1;
        }
        if (count < 0 || count > settings.maxReplay()) {
            throw problem(
                    Response.Status.BAD_REQUEST, "replay: expected a whole number from 0 to " + settings.maxReplay());
        }
        return count;
    }

    private OutboundSseEvent event(Sse sse, FeedFrame frame) {
        if (frame instanceof FeedEntry entry) {
            return sse.newEventBuilder()
                    .id(entry.id().toString())
                    .name(entry.topic())
                    .data(String.class, EventData.of(entry))
                    .build();
        }
        if (frame == FeedSignal.CONNECTED) {
            return sse.newEventBuilder()
                    .comment("connected")
                    .reconnectDelay(settings.reconnectDelay().toMillis())
                    .build();
        }
        return sse.newEventBuilder().comment("heartbeat").build();
    }

    private static WebApplicationException problem(Response.Status status, String message) {
        Response response = Response.status(status)
                .type(MediaType.APPLICATION_JSON_TYPE)
                .entity(Map.of("status", status.getStatusCode(), "error", message))
                .build();

        return new WebApplicationException(message, response);
    }

    private static boolean isBlank(String text) {
        return text == null || text.isBlank();
    }
}
