package io.autorecovery.detector.support;

import io.autorecovery.detector.Fingerprint;
import io.autorecovery.detector.store.RedisKeys;
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
        return service;
    }

    public Fingerprint fingerprint(String value) {
        Fingerprint fingerprint = new Fingerprint(value);
        keys.add(RedisKeys.signature(fingerprint));
        keys.add(RedisKeys.samples(fingerprint));
        keys.add(RedisKeys.cooldown(fingerprint));
        return fingerprint;
    }

    public void deleteAll(RedisDataSource redis) {
        if (!keys.isEmpty()) {
            redis.key().del(keys.toArray(String[]::new));
        }
        keys.clear();
    }
}
