package io.autorecovery.outbox;

import io.agroal.api.AgroalDataSource;
import io.autorecovery.contracts.CloudEventHeaders;
import io.autorecovery.contracts.EventJson;
import io.autorecovery.contracts.MeshEvent;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.logging.Log;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.reactive.messaging.kafka.api.OutgoingKafkaRecordMetadata;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.nio.charset.StandardCharsets;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Emitter;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.eclipse.microprofile.reactive.messaging.Metadata;

/**
 * Sends committed outbox rows to Kafka in the order they were written, and marks them published
 * once the broker has acknowledged them. A failed send leaves its rows for the next run: delivery
 * is at least once, and consumers drop duplicates through {@link ProcessedEvents}.
 */
@ApplicationScoped
public class OutboxRelay {

    /** The outgoing channel the relay writes to; each record names its own topic. */
    public static final String CHANNEL = "outbox-relay";

    private static final int BATCH_SIZE = 500;
    /** Bounds one run, so that a large backlog is drained over several runs, each one short. */
    private static final int MAX_BATCHES_PER_RUN = 40;

    private static final long ACK_TIMEOUT_SECONDS = 30;

    private static final String LOCK_BATCH = "SELECT id, topic, record_key, payload FROM outbox"
            + " WHERE published_at IS NULL ORDER BY id LIMIT ? FOR UPDATE SKIP LOCKED";
    private static final String PRUNE =
            "DELETE FROM outbox WHERE published_at IS NOT NULL AND published_at < now() - interval '7 days'";
    private static final String MARK_PUBLISHED = "UPDATE outbox SET published_at = now() WHERE id = ANY (?)";

    private final AgroalDataSource dataSource;
    private final Emitter<String> emitter;
    private final String source;
    private final Counter relayed;

    OutboxRelay(
            AgroalDataSource dataSource,
            @Channel(CHANNEL) Emitter<String> emitter,
            @ConfigProperty(name = "quarkus.application.name") String source,
            MeterRegistry registry) {
        this.dataSource = dataSource;
        this.emitter = emitter;
        this.source = source;
        this.relayed = Counter.builder("outbox.events.relayed")
                .description("Events sent from the outbox to Kafka and acknowledged by the broker")
                .register(registry);
    }

    @Scheduled(
            every = "${outbox.relay.interval:0.2s}",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP,
            skipExecutionIf = Scheduled.ApplicationNotRunning.class)
    void relayPending() {
        for (int run = 0; run < MAX_BATCHES_PER_RUN; run++) {
            int relayedNow = QuarkusTransaction.requiringNew().call(this::relayBatch);
            if (relayedNow < BATCH_SIZE) {
                return;
            }
        }
    }

    /** Sends one batch in its own transaction; returns how many events it relayed. */
    int relayBatch() {
        List<PendingEvent> batch = lockBatch();
        if (batch.isEmpty()) {
            return 0;
        }

        awaitAcks(batch.stream().map(this::send).toList());
        markPublished(batch);
        relayed.increment(batch.size());
        Log.debugf("outbox: relayed %d events", batch.size());

        return batch.size();
    }

    /** Published rows are kept a while for inspection, then removed so the table stays small. */
    @Scheduled(every = "1h", delayed = "1m", skipExecutionIf = Scheduled.ApplicationNotRunning.class)
    @Transactional
    void prunePublished() {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement delete = connection.prepareStatement(PRUNE)) {
            int removed = delete.executeUpdate();
            Log.debugf("outbox: removed %d published events older than a week", removed);
        } catch (SQLException e) {
            throw new OutboxException("cannot prune published outbox events", e);
        }
    }

    private List<PendingEvent> lockBatch() {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement select = connection.prepareStatement(LOCK_BATCH)) {
            select.setInt(1, BATCH_SIZE);
            List<PendingEvent> batch = new ArrayList<>();
            try (ResultSet rows = select.executeQuery()) {
                while (rows.next()) {
                    batch.add(new PendingEvent(
                            rows.getLong("id"),
                            rows.getString("topic"),
                            rows.getString("record_key"),
                            rows.getString("payload")));
                }
            }
            return batch;
        } catch (SQLException e) {
            throw new OutboxException("cannot read pending outbox events", e);
        }
    }

    private CompletableFuture<Void> send(PendingEvent pending) {
        MeshEvent event = EventJson.read(pending.topic(), pending.payload().getBytes(StandardCharsets.UTF_8));
        OutgoingKafkaRecordMetadata<String> kafka = OutgoingKafkaRecordMetadata.<String>builder()
                .withTopic(pending.topic())
                .withKey(pending.key())
                .withHeaders(new RecordHeaders(CloudEventHeaders.of(event, source)))
                .build();
        CompletableFuture<Void> acked = new CompletableFuture<>();
        emitter.send(Message.of(pending.payload(), Metadata.of(kafka))
                .withAck(() -> {
                    acked.complete(null);
                    return CompletableFuture.completedFuture(null);
                })
                .withNack(failure -> {
                    acked.completeExceptionally(failure);
                    return CompletableFuture.completedFuture(null);
                }));
        return acked;
    }

    private static void awaitAcks(List<CompletableFuture<Void>> acks) {
        try {
            CompletableFuture.allOf(acks.toArray(CompletableFuture[]::new)).get(ACK_TIMEOUT_SECONDS, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for the broker", e);
        } catch (ExecutionException | TimeoutException e) {
            Log.warnf("outbox: the broker did not acknowledge a batch, it will be sent again: %s", e.toString());
            throw new IllegalStateException("outbox batch not acknowledged", e);
        }
    }

    private void markPublished(List<PendingEvent> batch) {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement update = connection.prepareStatement(MARK_PUBLISHED)) {
            Array ids = connection.createArrayOf(
                    "bigint", batch.stream().map(PendingEvent::id).toArray());
            update.setArray(1, ids);
            update.executeUpdate();
        } catch (SQLException e) {
            throw new OutboxException("cannot mark outbox events as published", e);
        }
    }

    private record PendingEvent(long id, String topic, String key, String payload) {}
}
