package io.autorecovery.detector.store;

import static io.autorecovery.detector.store.RedisCalls.attempt;

import io.autorecovery.detector.FaultSignal;
import io.autorecovery.detector.Fingerprint;
import io.autorecovery.detector.config.DetectorConfig;
import io.quarkus.redis.datasource.RedisDataSource;
import io.vertx.mutiny.redis.client.Response;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/** Fault signatures in Redis: counts, first and last seen, latest samples, cooldowns. */
@ApplicationScoped
public class SignatureStore {

    private static final String RECORD_SCRIPT = "record-occurrence.lua";

    private final RedisDataSource redis;
    private final DetectorConfig config;
    private final String recordScript;

    SignatureStore(RedisDataSource redis, DetectorConfig config) {
        this.redis = redis;
        this.config = config;
        this.recordScript = readScript(RECORD_SCRIPT);
    }

    /** Counts one more occurrence of a signature, keeps its sample, and restarts its cooldown. */
    public Occurrence record(Fingerprint fingerprint, FaultSignal signal, String template, String sample) {
        Response reply = attempt(
                "record fingerprint " + fingerprint,
                () -> redis.execute(
                        "EVAL",
                        recordScript,
                        "3",
                        RedisKeys.signature(fingerprint),
                        RedisKeys.samples(fingerprint),
                        RedisKeys.cooldown(fingerprint),
                        signal.service(),
                        signal.faultClass().code(),
                        template,
                        Long.toString(signal.occurredAt().toEpochMilli()),
                        sample,
                        Integer.toString(config.samples().maxCount()),
                        Long.toString(config.retention().toMillis()),
                        Long.toString(config.cooldown().toMillis())));

        return toOccurrence(reply);
    }

    /** Notes that an event went out for the signature, so its next return is a regression. */
    public void markAnnounced(Fingerprint fingerprint, Instant at) {
        attempt(
                "mark fingerprint " + fingerprint + " announced",
                () -> redis.hash(String.class)
                        .hset(RedisKeys.signature(fingerprint), "announcedAt", Long.toString(at.toEpochMilli())));
    }

    /** Ends the cooldown early, so that the next occurrence raises an event again. */
    public void endCooldown(Fingerprint fingerprint) {
        attempt(
                "end the cooldown of fingerprint " + fingerprint,
                () -> redis.key().del(RedisKeys.cooldown(fingerprint)));
    }

    private static Occurrence toOccurrence(Response reply) {
        Response newestFirst = reply.get(5);
        List<String> samples = new ArrayList<>(newestFirst.size());
        for (int i = 0; i < newestFirst.size(); i++) {
            samples.add(newestFirst.get(i).toString(StandardCharsets.UTF_8));
        }
        Collections.reverse(samples);

        return new Occurrence(
                reply.get(0).toLong(),
                Instant.ofEpochMilli(Long.parseLong(reply.get(1).toString())),
                Instant.ofEpochMilli(Long.parseLong(reply.get(2).toString())),
                reply.get(3).toInteger() == 1,
                reply.get(4).toInteger() == 1,
                samples);
    }

    private static String readScript(String name) {
        try (InputStream in = SignatureStore.class.getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException("missing Redis script " + name);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
