package io.autorecovery.detector.support;

import io.autorecovery.contracts.Topics;
import io.autorecovery.detector.ingest.LogRecordConsumer;
import io.smallrye.reactive.messaging.memory.InMemoryConnector;
import jakarta.enterprise.inject.Any;
import jakarta.inject.Inject;
import org.junit.jupiter.api.BeforeEach;

/**
 * A detector test on in-memory channels: it hands records to the detector, reads the faults it
 * emits, and deletes the Redis keys it used afterwards. Subclasses add {@code @QuarkusTest} and
 * {@link InMemoryChannels}.
 */
public abstract class InMemoryDetectorTest extends DetectorTest {

    @Inject
    @Any
    protected InMemoryConnector connector;

    @Inject
    LogRecordConsumer logRecords;

    protected FaultSink faults;

    /** Records handed to the detector as if read from {@code logs.raw}. */
    protected RawLogs logs;

    @BeforeEach
    void readFaults() {
        faults = new FaultSink(connector.sink(Topics.FAULTS_DETECTED));
        logs = new RawLogs(logRecords);
    }
}
