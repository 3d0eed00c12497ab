package io.autorecovery.detector.support;

import io.quarkus.redis.datasource.RedisDataSource;
import jakarta.inject.Inject;
import org.junit.jupiter.api.AfterEach;

/**
 * A detector test that names its services and fingerprints through {@link #keys}, so that the
 * Redis keys it caused are deleted afterwards. Subclasses add {@code @QuarkusTest}.
 */
public abstract class DetectorTest {

    @Inject
    protected RedisDataSource redis;

    protected final DetectorKeys keys = new DetectorKeys();

    @AfterEach
    void deleteKeys() {
        keys.deleteAll(redis);
    }
}
