package io.autorecovery.detector.support;

import io.autorecovery.contracts.Topics;
import io.quarkus.redis.datasource.RedisDataSource;
import io.smallrye.reactive.messaging.memory.InMemoryConnector;
import jakarta.enterprise.inject.Any;
import jakarta.inject.Inject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

/**
 * A detector test on in-memory channels: it reads the faults the detector emits and deletes the
 * Redis keys it used afterwards. Subclasses add {@code @QuarkusTest} and {@link InMemoryChannels}.
 */
public abstract class InMemoryDetectorTest {

    @Inject
    @Any
    protected InMemoryConnector connector;

    @Inject
    protected RedisDataSource redis;

    protected final DetectorKeys keys = new DetectorKeys();
    protected FaultSink faults;

    @BeforeEach
    void readFaults() {
        faults = new FaultSink(connector.sink(Topics.FAULTS_DETECTED));
    }

    @AfterEach
    void deleteKeys() {
        keys.deleteAll(redis);
    }
}
