package io.autorecovery.detector.store;

import static io.autorecovery.detector.store.RedisCalls.attempt;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.autorecovery.detector.FaultSignal;
import io.autorecovery.detector.Fingerprint;
import io.autorecovery.detector.config.DetectorConfig;
import io.autorecovery.detector.stack.StackSignature;
import io.autorecovery.detector.template.MaskedToken;
import io.autorecovery.detector.template.MinedTemplate;
import io.quarkus.redis.datasource.RedisDataSource;
import io.vertx.mutiny.redis.client.Command;
import io.vertx.mutiny.redis.client.Request;
import io.vertx.mutiny.redis.client.Response;
import jakarta.enterprise.context.ApplicationScoped;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Map;

/** Fault signatures in Redis: counts, first and last seen, latest samples, cooldowns. */
@ApplicationScoped
public class SignatureStore {

    private static final String RECORD_SCRIPT = "record-occurrence.lua";

    private final RedisDataSource redis;
    private final RedisPipeline pipeline;
    private final DetectorConfig config;
    private final RedisScript recordScript;
    private final ObjectMapper json;

    SignatureStore(RedisDataSource redis, RedisPipeline pipeline, DetectorConfig config, ObjectMapper json) {
        this.redis = redis;
        this.pipeline = pipeline;
        this.config = config;
        this.json = json;
        this.recordScript = RedisScript.read(RECORD_SCRIPT);
    }

    /** Counts one more occurrence of a signature, keeps its sample, and restarts its cooldown. */
    public Occurrence record(
            Fingerprint fingerprint, FaultSignal signal, MinedTemplate template, String sample, String stackJson) {
        List<Response> replies = pipeline.run(
                "record fingerprint " + fingerprint,
                List.of(loadScript(), recordRequest(fingerprint, signal, template, sample, stackJson, List.of())));

        return occurrenceOf(replies.get(1));
    }

    /**
     * The call that keeps the service's latest lines as breadcrumbs, oldest first, then records one
     * occurrence, to run in a pipeline after {@link #loadScript}; {@link #occurrenceOf} reads its
     * reply.
     */
    public Request recordRequest(
            Fingerprint fingerprint,
            FaultSignal signal,
            MinedTemplate template,
            String sample,
            String stackJson,
            List<String> breadcrumbs) {
        return recordScript.evalsha(recordArgs(fingerprint, signal, template, sample, stackJson, breadcrumbs));
    }

    /** The call that makes {@link #recordRequest} calls after it in the same pipeline runnable. */
    public Request loadScript() {
        return recordScript.load();
    }

    /** Notes in one pipeline that events went out for the signatures, so their next return is a regression. */
    public void markAnnounced(Map<Fingerprint, Instant> announced) {
        List<Request> calls = new ArrayList<>(announced.size());
        announced.forEach((fingerprint, at) -> calls.add(Request.cmd(Command.HSET)
                .arg(RedisKeys.signature(fingerprint))
                .arg("announcedAt")
                .arg(Long.toString(at.toEpochMilli()))));
        pipeline.run("mark " + announced.size() + " fingerprints announced", calls);
    }

    private String[] recordArgs(
            Fingerprint fingerprint,
            FaultSignal signal,
            MinedTemplate template,
            String sample,
            String stackJson,
            List<String> breadcrumbs) {
        String[] fixed = {
            "6",
            RedisKeys.signature(fingerprint),
            RedisKeys.samples(fingerprint),
            RedisKeys.cooldown(fingerprint),
            RedisKeys.rate(fingerprint),
            RedisKeys.burst(fingerprint),
            RedisKeys.breadcrumbs(signal.service()),
            signal.service(),
            signal.faultClass().code(),
            template.text(),
            Long.toString(signal.occurredAt().toEpochMilli()),
            sample,
            Integer.toString(config.samples().maxCount()),
            Long.toString(config.retention().toMillis()),
            Long.toString(config.cooldown().toMillis()),
            template.id(),
            maskedJson(template),
            stackJson,
            Long.toString(config.burst().window().toMillis()),
            Integer.toString(config.burst().threshold()),
            Integer.toString(config.breadcrumbs().count()),
            Integer.toString(breadcrumbs.size())
        };
        String[] args = Arrays.copyOf(fixed, fixed.length + breadcrumbs.size());
        for (int i = 0; i < breadcrumbs.size(); i++) {
            args[fixed.length + i] = breadcrumbs.get(i);
        }
        return args;
    }

    /** A stack signature as {@link #record} saves it. */
    public String stackJson(StackSignature stack) {
        return write(stack);
    }

    /** What Redis holds on a signature, or empty when the fingerprint is unknown or expired. */
    public Map<String, String> read(Fingerprint fingerprint) {
        return attempt(
                "read fingerprint " + fingerprint,
                () -> redis.hash(String.class).hgetall(RedisKeys.signature(fingerprint)));
    }

    private String maskedJson(MinedTemplate template) {
        List<MaskedField> tokens = new ArrayList<>();
        for (MaskedToken token : template.maskedTokens()) {
            tokens.add(new MaskedField(
                    token.position(),
                    token.original(),
                    token.masked(),
                    token.rule().name(),
                    token.rule().reason()));
        }
        return write(tokens);
    }

    private String write(Object value) {
        try {
            return json.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("signature details are plain strings and numbers", e);
        }
    }

    /** Notes that an event went out for the signature, so its next return is a regression. */
    public void markAnnounced(Fingerprint fingerprint, Instant at) {
        attempt(
                "mark fingerprint " + fingerprint + " announced",
                () -> redis.hash(String.class)
                        .hset(RedisKeys.signature(fingerprint), "announcedAt", Long.toString(at.toEpochMilli())));
    }

    /** Ends a burst early, so that the next occurrence over the threshold raises it again. */
    public void endBurst(Fingerprint fingerprint) {
        attempt("end the burst of fingerprint " + fingerprint, () -> redis.key().del(RedisKeys.burst(fingerprint)));
    }

    /** Ends the cooldown early, so that the next occurrence raises an event again. */
    public void endCooldown(Fingerprint fingerprint) {
        attempt(
                "end the cooldown of fingerprint " + fingerprint,
                () -> redis.key().del(RedisKeys.cooldown(fingerprint)));
    }

    /** A masked token as saved with its signature, in the order a reader expects the fields. */
    private record MaskedField(int position, String original, String masked, String rule, String reason) {}

    /** Reads the reply to {@link #record} or {@link #recordRequest}. */
    public static Occurrence occurrenceOf(Response reply) {
        return new Occurrence(
                reply.get(0).toLong(),
                Instant.ofEpochMilli(reply.get(1).toLong()),
                Instant.ofEpochMilli(reply.get(2).toLong()),
                reply.get(3).toInteger() == 1,
                reply.get(4).toInteger() == 1,
                oldestFirst(reply.get(5)),
                reply.get(6).toInteger() == 1,
                reply.get(7).toLong(),
                oldestFirst(reply.get(8)));
    }

    private static List<String> oldestFirst(Response newestFirst) {
        List<String> lines = new ArrayList<>(newestFirst.size());
        for (int i = 0; i < newestFirst.size(); i++) {
            lines.add(newestFirst.get(i).toString(StandardCharsets.UTF_8));
        }
        Collections.reverse(lines);

        return lines;
    }
}
