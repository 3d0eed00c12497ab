package io.autorecovery.dashboard.projection;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import io.autorecovery.contracts.AnalysisCompleted;
import io.autorecovery.contracts.DeployCompleted;
import io.autorecovery.contracts.DeployRequested;
import io.autorecovery.contracts.EventJson;
import io.autorecovery.contracts.FaultDetected;
import io.autorecovery.contracts.IncidentCreated;
import io.autorecovery.contracts.IncidentStatus;
import io.autorecovery.contracts.IncidentUpdated;
import io.autorecovery.contracts.MeshEvent;
import io.autorecovery.contracts.PatchProposed;
import io.autorecovery.dashboard.DashboardConfig;
import io.autorecovery.dashboard.feed.StreamId;
import io.quarkus.redis.datasource.RedisDataSource;
import io.quarkus.redis.datasource.hash.HashCommands;
import io.quarkus.redis.datasource.sortedset.ZAddArgs;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Folds each new pipeline event into the views the page reads: one hash per incident (status,
 * stage times, the analysis, the patch and the last deploy), its timeline, counts per stage, sums
 * of the durations to detect, propose and resolve, and one hash per deployment. Every write is a
 * field set or a capped push, so events of one incident that arrive on different topics at once
 * never overwrite each other. Blocks the calling thread.
 */
@ApplicationScoped
public class Projector {

    private static final JsonFactory JSON = new JsonFactory();

    /** Sets the status only if the event is not older than the one that set the current status. */
    private static final String SET_STATUS_IF_NEWER = """
            local at = redis.call('HGET', KEYS[1], 'statusAt')
            if at and tonumber(at) > tonumber(ARGV[2]) then return 0 end
            redis.call('HSET', KEYS[1], 'status', ARGV[1], 'statusAt', ARGV[2])
            return 1
            """;

    private final RedisDataSource redis;
    private final HashCommands<String, String, String> hashes;
    private final Duration retention;
    private final int maxTimeline;

    Projector(RedisDataSource redis, DashboardConfig config) {
        this.redis = redis;
        this.hashes = redis.hash(String.class);
        this.retention = config.projection().retention();
        this.maxTimeline = config.projection().maxTimeline();
    }

    /** Applies an event that the feed took for the first time as entry {@code feedId}. */
    public void apply(String topic, MeshEvent event, StreamId feedId) {
        hashes.hincrby(ProjectionKeys.STAGE_COUNTS, topic, 1);
        String entry = timelineEntry(topic, event, feedId);
        if (event instanceof FaultDetected fault) {
            faultDetected(fault, entry);
        } else if (event instanceof IncidentCreated created) {
            incidentCreated(created, entry);
        } else if (event instanceof IncidentUpdated updated) {
            incidentUpdated(updated, entry);
        } else if (event instanceof AnalysisCompleted analysis) {
            analysed(analysis, entry);
        } else if (event instanceof PatchProposed patch) {
            patchProposed(patch, entry);
        } else if (event instanceof DeployRequested request) {
            deployRequested(request, entry);
        } else if (event instanceof DeployCompleted completed) {
            deployCompleted(completed, entry);
        } else {
            throw new IllegalArgumentException(
                    "no view takes " + event.getClass().getSimpleName());
        }
    }

    private void faultDetected(FaultDetected fault, String entry) {
        push(ProjectionKeys.faults(fault.fingerprint()), entry);
    }

    private void incidentCreated(IncidentCreated created, String entry) {
        String id = created.incidentId().toString();
        Map<String, String> fields = new LinkedHashMap<>();
        fields.put("id", id);
        fields.put("fingerprint", created.fingerprint());
        fields.put("service", created.service());
        fields.put("title", created.title());
        fields.put("faultClass", created.faultClass().code());
        fields.put("severity", created.severity().name());
        fields.put("occurrences", Long.toString(created.occurrences()));
        fields.put("openedAt", created.occurredAt().toString());
        if (created.firstSeen() != null) {
            fields.put("firstSeen", created.firstSeen().toString());
        }
        hashes.hset(ProjectionKeys.incident(id), fields);
        redis.sortedSet(String.class).zadd(ProjectionKeys.INCIDENTS, millis(created.occurredAt()), id);
        setStatus(id, created.status(), created.occurredAt());
        push(ProjectionKeys.timeline(id), entry);
        if (created.firstSeen() != null && once(id, "measured:detect")) {
            measure(Measure.DETECT, created.service(), Duration.between(created.firstSeen(), created.occurredAt()));
        }
        touch(id);
    }

    private void incidentUpdated(IncidentUpdated updated, String entry) {
        String id = updated.incidentId().toString();
        listed(id, updated.occurredAt());
        hashes.hset(
                ProjectionKeys.incident(id),
                Map.of(
                        "id", id,
                        "fingerprint", updated.fingerprint(),
                        "service", updated.service(),
                        "occurrences", Long.toString(updated.occurrences())));
        setStatus(id, updated.status(), updated.occurredAt());
        push(ProjectionKeys.timeline(id), entry);
        if (updated.status() == IncidentStatus.RESOLVED && stamp(id, "resolvedAt", updated.occurredAt())) {
            measureSinceOpened(Measure.RESOLVE, id, updated.service(), updated.occurredAt());
        }
        touch(id);
    }

    private void analysed(AnalysisCompleted analysis, String entry) {
        String id = analysis.incidentId().toString();
        hashes.hset(ProjectionKeys.incident(id), "analysis", EventJson.write(analysis));
        stageReached(id, "analysedAt", analysis, entry);
    }

    private void patchProposed(PatchProposed patch, String entry) {
        String id = patch.incidentId().toString();
        hashes.hset(ProjectionKeys.incident(id), "patch", EventJson.write(patch));
        if (stageReached(id, "proposedAt", patch, entry)) {
            measureSinceOpened(Measure.PROPOSE, id, patch.service(), patch.occurredAt());
        }
    }

    private void deployRequested(DeployRequested request, String entry) {
        deployRecorded(request.deploymentId().toString(), "requested", request);
        if (request.incidentId() != null) {
            stageReached(request.incidentId().toString(), "deployRequestedAt", request, entry);
        }
    }

    private void deployCompleted(DeployCompleted completed, String entry) {
        deployRecorded(completed.deploymentId().toString(), "completed", completed);
        if (completed.incidentId() != null) {
            String id = completed.incidentId().toString();
            hashes.hset(ProjectionKeys.incident(id), "deploy", EventJson.write(completed));
            stageReached(id, "deployedAt", completed, entry);
        }
    }

    /**
     * Marks a later stage of the incident: lists it, stamps when the stage was first reached and
     * adds the event to its timeline. True only the first time the stage is reached.
     */
    private boolean stageReached(String id, String stampField, MeshEvent event, String entry) {
        listed(id, event.occurredAt());
        boolean first = stamp(id, stampField, event.occurredAt());
        push(ProjectionKeys.timeline(id), entry);
        touch(id);

        return first;
    }

    /** Stores one event of a deployment under its field and lists the deployment. */
    private void deployRecorded(String deployment, String field, MeshEvent event) {
        hashes.hset(ProjectionKeys.deploy(deployment), field, EventJson.write(event));
        deployListed(deployment, event.occurredAt());
    }

    private void setStatus(String id, IncidentStatus status, Instant at) {
        redis.execute(
                "EVAL",
                SET_STATUS_IF_NEWER,
                "1",
                ProjectionKeys.incident(id),
                status.name(),
                Long.toString(at.toEpochMilli()));
    }

    /** Lists the incident if no event has listed it yet (an update can overtake its creation). */
    private void listed(String id, Instant at) {
        redis.sortedSet(String.class).zadd(ProjectionKeys.INCIDENTS, new ZAddArgs().nx(), millis(at), id);
    }

    private void deployListed(String deployment, Instant at) {
        redis.sortedSet(String.class).zadd(ProjectionKeys.DEPLOYS, new ZAddArgs().nx(), millis(at), deployment);
        redis.key().pexpire(ProjectionKeys.deploy(deployment), retention);
    }

    /** Records when a stage was first reached; true only the first time. */
    private boolean stamp(String id, String field, Instant at) {
        return hashes.hsetnx(ProjectionKeys.incident(id), field, at.toString());
    }

    private boolean once(String id, String field) {
        return hashes.hsetnx(ProjectionKeys.incident(id), field, "1");
    }

    private void measureSinceOpened(Measure measure, String id, String service, Instant at) {
        String openedAt = hashes.hget(ProjectionKeys.incident(id), "openedAt");
        if (openedAt != null) {
            measure(measure, service, Duration.between(Instant.parse(openedAt), at));
        }
    }

    private void measure(Measure measure, String service, Duration duration) {
        long ms = Math.max(0, duration.toMillis());
        String overall = measure.code();
        String perService = measure.code() + ":" + service;
        hashes.hincrby(ProjectionKeys.DURATIONS, overall + ":sum", ms);
        hashes.hincrby(ProjectionKeys.DURATIONS, overall + ":count", 1);
        hashes.hincrby(ProjectionKeys.DURATIONS, perService + ":sum", ms);
        hashes.hincrby(ProjectionKeys.DURATIONS, perService + ":count", 1);
    }

    private void push(String key, String entry) {
        redis.list(String.class).rpush(key, entry);
        redis.list(String.class).ltrim(key, -maxTimeline, -1);
        redis.key().pexpire(key, retention);
    }

    private void touch(String id) {
        hashes.hset(ProjectionKeys.incident(id), "updatedAt", Instant.now().toString());
        redis.key().pexpire(ProjectionKeys.incident(id), retention);
    }

    /** {@code {"feedId", "topic", "at", "event"}}: one row of an incident's timeline. */
    static String timelineEntry(String topic, MeshEvent event, StreamId feedId) {
        StringWriter text = new StringWriter();
        try (JsonGenerator json = JSON.createGenerator(text)) {
            json.writeStartObject();
            json.writeStringField("feedId", feedId.toString());
            json.writeStringField("topic", topic);
            json.writeStringField("at", event.occurredAt().toString());
            json.writeFieldName("event");
            json.writeRawValue(EventJson.write(event));
            json.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return text.toString();
    }

    private static double millis(Instant at) {
        return at.toEpochMilli();
    }
}
