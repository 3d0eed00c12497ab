package io.autorecovery.dashboard.projection;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.autorecovery.dashboard.feed.StreamId;
import io.quarkus.logging.Log;
import io.quarkus.redis.datasource.RedisDataSource;
import io.quarkus.redis.datasource.hash.HashCommands;
import io.quarkus.redis.datasource.sortedset.ScoreRange;
import io.quarkus.redis.datasource.sortedset.ZRangeArgs;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/** Reads the views the {@link Projector} keeps, as the JSON the page shows. Blocks. */
@ApplicationScoped
public class Views {

    /** Fields of an incident that the board lists; the detail adds the stage documents. */
    private static final List<String> SUMMARY_FIELDS = List.of(
            "id",
            "fingerprint",
            "service",
            "title",
            "faultClass",
            "severity",
            "status",
            "occurrences",
            "firstSeen",
            "openedAt",
            "analysedAt",
            "proposedAt",
            "deployRequestedAt",
            "deployedAt",
            "resolvedAt",
            "updatedAt");

    private static final List<String> DOCUMENTS = List.of("analysis", "patch", "deploy");

    private final RedisDataSource redis;
    private final HashCommands<String, String, String> hashes;
    private final ObjectMapper json;

    Views(RedisDataSource redis, ObjectMapper json) {
        this.redis = redis;
        this.hashes = redis.hash(String.class);
        this.json = json;
    }

    /** The newest incidents, newest first, that match the filter. */
    public List<ObjectNode> incidents(IncidentFilter filter) {
        List<String> ids = redis.sortedSet(String.class)
                .zrange(ProjectionKeys.INCIDENTS, 0, IncidentFilter.SCAN_LIMIT - 1, new ZRangeArgs().rev());
        List<ObjectNode> found = new ArrayList<>();
        for (String id : ids) {
            Map<String, String> fields = hashes.hgetall(ProjectionKeys.incident(id));
            if (fields.isEmpty()) {
                continue;
            }
            ObjectNode incident = summary(fields);
            if (filter.matches(incident)) {
                found.add(incident);
            }
            if (found.size() >= filter.limit()) {
                break;
            }
        }
        return found;
    }

    /** The incident with its stage documents and its whole timeline, faults before it included. */
    public Optional<ObjectNode> incident(String id) {
        Map<String, String> fields = hashes.hgetall(ProjectionKeys.incident(id));
        if (fields.isEmpty()) {
            return Optional.empty();
        }
        ObjectNode incident = summary(fields);
        for (String document : DOCUMENTS) {
            incident.set(document, parsed(fields.get(document)));
        }
        incident.set("timeline", timeline(id, fields.get("fingerprint")));

        return Optional.of(incident);
    }

    /** Events per stage, incidents per status, mean durations and incidents opened per hour. */
    public ObjectNode stats(Instant now) {
        ObjectNode stats = json.createObjectNode();
        ObjectNode stages = stats.putObject("stages");
        new TreeMap<>(hashes.hgetall(ProjectionKeys.STAGE_COUNTS))
                .forEach((topic, count) -> stages.put(topic, Long.parseLong(count)));
        stats.set("statuses", statuses());
        stats.set("durations", durations());
        stats.set("openedPerHour", openedPerHour(now));

        return stats;
    }

    /** The newest deployments, newest first, each with its request and its outcome. */
    public List<ObjectNode> deploys(int limit) {
        List<String> ids =
                redis.sortedSet(String.class).zrange(ProjectionKeys.DEPLOYS, 0, limit - 1, new ZRangeArgs().rev());
        List<ObjectNode> deploys = new ArrayList<>();
        for (String id : ids) {
            Map<String, String> fields = hashes.hgetall(ProjectionKeys.deploy(id));
            if (fields.isEmpty()) {
                continue;
            }
            ObjectNode deploy = json.createObjectNode();
            deploy.put("deploymentId", id);
            deploy.set("requested", parsed(fields.get("requested")));
            deploy.set("completed", parsed(fields.get("completed")));
            deploys.add(deploy);
        }
        return deploys;
    }

    private ObjectNode summary(Map<String, String> fields) {
        ObjectNode incident = json.createObjectNode();
        for (String field : SUMMARY_FIELDS) {
            String value = fields.get(field);
            if (field.equals("occurrences") && value != null) {
                incident.put(field, Long.parseLong(value));
            } else {
                incident.put(field, value);
            }
        }
        JsonNode patch = parsed(fields.get("patch"));
        incident.put("patchOutcome", patch.path("outcome").asText(null));
        incident.put("pullRequestUrl", patch.path("pullRequestUrl").asText(null));
        incident.put(
                "deployOutcome", parsed(fields.get("deploy")).path("outcome").asText(null));
        return incident;
    }

    private ArrayNode timeline(String id, String fingerprint) {
        List<JsonNode> entries = new ArrayList<>();
        redis.list(String.class).lrange(ProjectionKeys.timeline(id), 0, -1).forEach(e -> entries.add(parsed(e)));
        if (fingerprint != null) {
            redis.list(String.class)
                    .lrange(ProjectionKeys.faults(fingerprint), 0, -1)
                    .forEach(e -> entries.add(parsed(e)));
        }
        entries.sort(Comparator.comparing((JsonNode e) -> instant(e.path("at").asText()))
                .thenComparing(e -> feedId(e.path("feedId").asText())));
        ArrayNode timeline = json.createArrayNode();
        entries.stream().filter(JsonNode::isObject).forEach(timeline::add);
        return timeline;
    }

    private ObjectNode statuses() {
        ObjectNode statuses = json.createObjectNode();
        List<String> ids = redis.sortedSet(String.class)
                .zrange(ProjectionKeys.INCIDENTS, 0, IncidentFilter.SCAN_LIMIT - 1, new ZRangeArgs().rev());
        TreeMap<String, Long> counts = new TreeMap<>();
        for (String id : ids) {
            String status = hashes.hget(ProjectionKeys.incident(id), "status");
            if (status != null) {
                counts.merge(status, 1L, Long::sum);
            }
        }
        counts.forEach(statuses::put);
        return statuses;
    }

    private ObjectNode durations() {
        Map<String, String> sums = hashes.hgetall(ProjectionKeys.DURATIONS);
        ObjectNode durations = json.createObjectNode();
        ObjectNode overall = durations.putObject("overall");
        ObjectNode perService = durations.putObject("perService");
        for (Measure measure : Measure.values()) {
            overall.set(measure.code(), mean(sums, measure.code()));
        }
        new TreeMap<>(sums)
                .keySet().stream()
                        .map(key -> key.split(":"))
                        .filter(parts -> parts.length == 3 && parts[2].equals("count"))
                        .forEach(parts ->
                                perService.with(parts[1]).set(parts[0], mean(sums, parts[0] + ":" + parts[1])));
        return durations;
    }

    private ObjectNode mean(Map<String, String> sums, String prefix) {
        long sum = Long.parseLong(sums.getOrDefault(prefix + ":sum", "0"));
        long count = Long.parseLong(sums.getOrDefault(prefix + ":count", "0"));
        ObjectNode mean = json.createObjectNode();
        mean.put("count", count);
        if (count > 0) {
            mean.put("meanMs", sum / count);
        } else {
            mean.putNull("meanMs");
        }
        return mean;
    }

    private ArrayNode openedPerHour(Instant now) {
        Instant end = now.truncatedTo(ChronoUnit.HOURS).plus(Duration.ofHours(1));
        Instant start = end.minus(Duration.ofHours(24));
        List<Double> scores = redis
                .sortedSet(String.class)
                .zrangebyscoreWithScores(
                        ProjectionKeys.INCIDENTS,
                        new ScoreRange<>((double) start.toEpochMilli(), (double) end.toEpochMilli()))
                .stream()
                .map(scored -> scored.score())
                .toList();
        long[] counts = new long[24];
        for (double score : scores) {
            long bucket =
                    ((long) score - start.toEpochMilli()) / Duration.ofHours(1).toMillis();
            if (bucket >= 0 && bucket < counts.length) {
                counts[(int) bucket]++;
            }
        }
        ArrayNode hours = json.createArrayNode();
        for (int i = 0; i < counts.length; i++) {
            hours.addObject()
                    .put("hour", start.plus(Duration.ofHours(i)).toString())
                    .put("count", counts[i]);
        }
        return hours;
    }

    private JsonNode parsed(String text) {
        if (text == null) {
            return json.nullNode();
        }
        try {
            return json.readTree(text);
        } catch (JsonProcessingException e) {
            // Only the projector writes these keys; an unreadable one is skipped, not served.
            Log.warnf("skipping an unreadable view document: %s", e.getOriginalMessage());
            return json.nullNode();
        }
    }

    private static Instant instant(String text) {
        try {
            return Instant.parse(text);
        } catch (DateTimeParseException e) {
            return Instant.EPOCH;
        }
    }

    private static StreamId feedId(String text) {
        try {
            return StreamId.parse(text);
        } catch (IllegalArgumentException e) {
            return StreamId.ZERO;
        }
    }
}
