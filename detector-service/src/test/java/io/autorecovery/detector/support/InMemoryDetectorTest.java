package io.autorecovery.detector.support;

import io.autorecovery.contracts.Topics;
import io.smallrye.reactive.messaging.memory.InMemoryConnector;
import jakarta.enterprise.inject.Any;
import jakarta.inject.Inject;
import org.junit.jupiter.api.BeforeEach;

/**
 * A detector test on in-memory channels: it reads the faults the detector emits and deletes the
 * Redis keys it used afterwards. Subclasses add {@code @QuarkusTest} and {@link InMemoryChannels}.
 */
public abstract class InMemoryDetectorTest extends DetectorTest {

    @Inject
    @Any
    protected InMemoryConnector connector;

    protected FaultSink faults;

    @BeforeEach
    void readFaults() {
        faults = new FaultSink(connector.sink(Topics.FAULTS_DETECTED));
    }
}
