package io.autorecovery.detector.source;

import static org.assertj.core.api.Assertions.assertThat;

import io.autorecovery.contracts.DetectionTrigger;
import io.autorecovery.contracts.FaultClass;
import io.autorecovery.contracts.FaultDetected;
import io.autorecovery.contracts.Topics;
import io.autorecovery.detector.support.DetectorKeys;
import io.autorecovery.detector.support.FaultSink;
import io.quarkus.redis.datasource.RedisDataSource;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.smallrye.reactive.messaging.memory.InMemoryConnector;
import jakarta.enterprise.inject.Any;
import jakarta.inject.Inject;
import java.io.IOException;
import java.nio.file.Files;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Lines from a CloudWatch log group and from a tailed file reach the detector and raise faults. */
@QuarkusTest
@WithTestResource(value = SourcesResource.class, scope = TestResourceScope.MATCHING_RESOURCES)
class SourcesIntakeTest {

    @Inject
    @Any
    InMemoryConnector connector;

    @Inject
    RedisDataSource redis;

    @Inject
    CloudWatchSource cloudWatch;

    @Inject
    FileSource files;

    private final DetectorKeys keys = new DetectorKeys();

    @AfterEach
    void deleteKeys() throws IOException {
        // Stopped first, so that no poll writes the keys again once they are deleted.
        cloudWatch.stop(null);
        files.stop(null);
        keys.deleteAll(redis);
        redis.key()
                .del(
                        CloudWatchCursorStore.key(SourcesResource.LOG_GROUP),
                        FileOffsetStore.key(SourcesResource.file),
                        "detector:breadcrumbs:" + SourcesResource.CLOUD_SERVICE,
                        "detector:templates:" + SourcesResource.CLOUD_SERVICE,
                        "detector:breadcrumbs:" + SourcesResource.FILE_SERVICE,
                        "detector:templates:" + SourcesResource.FILE_SERVICE);
    }

    @Test
    void shouldRaiseFaultsFromALogGroupAndFromATailedFile() throws IOException {
        FaultSink faults = new FaultSink(connector.sink(Topics.FAULTS_DETECTED));
        Files.writeString(
                SourcesResource.file,
                "2026-12-03 10:15:02,114 INFO  [main] io.shop.catalog.Boot - ready\n"
                        + "2026-12-03 10:15:03,271 ERROR [pool-2] io.shop.catalog.Repo - Query timed out after"
                        + " 5000 ms\n"
                        + "java.sql.SQLTimeoutException: canceling statement due to statement timeout\n"
                        + "\tat org.postgresql.jdbc.PgStatement.execute(PgStatement.java:420)\n");

        FaultDetected cloud = faults.awaitFirst(SourcesResource.CLOUD_SERVICE).event();
        FaultDetected tailed = faults.awaitFirst(SourcesResource.FILE_SERVICE).event();
        keys.fingerprint(cloud.fingerprint());
        keys.fingerprint(tailed.fingerprint());

        assertThat(List.<Object>of(cloud.faultClass(), cloud.trigger(), cloud.count()))
                .containsExactly(FaultClass.UPSTREAM_ERROR, DetectionTrigger.NEW, 1L);
        assertThat(cloud.samples().get(0))
                .isEqualTo("Payment provider answered 503 after 1200 ms\n"
                        + "\tat io.shop.billing.PaymentClient.charge(PaymentClient.java:88)");
        assertThat(List.<Object>of(tailed.faultClass(), tailed.trigger(), tailed.count()))
                .containsExactly(FaultClass.DB_TIMEOUT, DetectionTrigger.NEW, 1L);
        assertThat(tailed.template()).isEqualTo("Query timed out after <*> ms");
    }
}
