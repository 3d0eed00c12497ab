package io.autorecovery.outbox;

import io.agroal.api.AgroalDataSource;
import io.autorecovery.contracts.EventJson;
import io.autorecovery.contracts.EventType;
import io.autorecovery.contracts.MeshEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import jakarta.transaction.Transactional.TxType;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.List;
import java.util.function.Function;

/**
 * Records an event in the caller's transaction, beside the state change that causes it. The event
 * reaches Kafka only if that transaction commits, and then for sure: {@link OutboxRelay} sends it.
 */
@ApplicationScoped
public class Outbox {

    private static final String INSERT =
            "INSERT INTO outbox (event_id, topic, record_key, payload) VALUES (?, ?, ?, ?)";

    private final AgroalDataSource dataSource;

    Outbox(AgroalDataSource dataSource) {
        this.dataSource = dataSource;
    }

    /**
     * @param key the Kafka record key the topic is keyed by (see the topic table of the design)
     */
    @Transactional(TxType.MANDATORY)
    public void enqueue(MeshEvent event, String key) {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement insert = connection.prepareStatement(INSERT)) {
            insert.setObject(1, event.eventId());
            insert.setString(2, EventType.of(event).topic());
            insert.setString(3, key);
            insert.setString(4, EventJson.write(event));
            insert.executeUpdate();
        } catch (SQLException e) {
            throw new OutboxException("cannot record event " + event.eventId() + " in the outbox", e);
        }
    }

    /**
     * Records several events in the caller's transaction in one round trip to the database, in the
     * order given; for consumers that handle a batch of records at a time.
     *
     * @param keyOf the Kafka record key of each event
     */
    @Transactional(TxType.MANDATORY)
    public <E extends MeshEvent> void enqueueAll(List<E> events, Function<? super E, String> keyOf) {
        if (events.isEmpty()) {
            return;
        }
        try (Connection connection = dataSource.getConnection();
                PreparedStatement insert = connection.prepareStatement(INSERT)) {
            for (E event : events) {
                insert.setObject(1, event.eventId());
                insert.setString(2, EventType.of(event).topic());
                insert.setString(3, keyOf.apply(event));
                insert.setString(4, EventJson.write(event));
                insert.addBatch();
            }
            insert.executeBatch();
        } catch (SQLException e) {
            throw new OutboxException("cannot record " + events.size() + " events in the outbox", e);
        }
    }
}
