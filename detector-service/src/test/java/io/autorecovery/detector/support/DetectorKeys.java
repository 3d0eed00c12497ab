package io.autorecovery.detector.support;

import io.autorecovery.contracts.FaultClass;
import io.autorecovery.detector.Fingerprint;
import io.autorecovery.detector.store.RedisKeys;
import io.autorecovery.detector.template.LogTemplate;
import io.autorecovery.detector.template.LogTokenizer;
import io.quarkus.redis.datasource.RedisDataSource;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/** The Redis keys one test touches, so it can delete them afterwards and leave the database as found. */
public final class DetectorKeys {

    private final List<String> keys = new ArrayList<>();

    /** A service name no other test uses, whose breadcrumbs are deleted with the rest. */
    public String newService(String prefix) {
        String service = prefix + "-" + UUID.randomUUID();
        keys.add(RedisKeys.breadcrumbs(service));
        keys.add(RedisKeys.templates(service));
        return service;
    }

    /** The fingerprint of a service's fault whose template was first learned as this text. */
    public static Fingerprint fingerprintOf(String service, FaultClass faultClass, String template) {
        return Fingerprint.of(service, faultClass, LogTemplate.idOf(LogTokenizer.splitTemplate(template)));
    }

    public Fingerprint fingerprint(String value) {
        Fingerprint fingerprint = new Fingerprint(value);
        keys.add(RedisKeys.signature(fingerprint));
        keys.add(RedisKeys.samples(fingerprint));
        keys.add(RedisKeys.cooldown(fingerprint));
        keys.add(RedisKeys.rate(fingerprint));
        keys.add(RedisKeys.burst(fingerprint));
        return fingerprint;
    }

    public void deleteAll(RedisDataSource redis) {
        if (!keys.isEmpty()) {
            redis.key().del(keys.toArray(String[]::new));
        }
        keys.clear();
    }
}
