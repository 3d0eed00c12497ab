package io.autorecovery.outbox;

import io.agroal.api.AgroalDataSource;
import io.autorecovery.contracts.MeshEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import jakarta.transaction.Transactional.TxType;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.function.Consumer;

/**
 * Remembers which events each consumer has handled, in the same transaction as the handling, so
 * that a redelivered event changes nothing twice.
 */
@ApplicationScoped
public class ProcessedEvents {

    private static final String INSERT =
            "INSERT INTO processed_events (consumer, event_id) VALUES (?, ?) ON CONFLICT DO NOTHING";

    private static final String INSERT_ALL = "INSERT INTO processed_events (consumer, event_id)"
            + " SELECT ?, id FROM (SELECT DISTINCT unnest(?::uuid[]) AS id) AS ids"
            + " ON CONFLICT DO NOTHING RETURNING event_id";

    private final AgroalDataSource dataSource;

    ProcessedEvents(AgroalDataSource dataSource) {
        this.dataSource = dataSource;
    }

    /** Hands the event to the handler on its first delivery to the consumer; a redelivery does nothing. */
    @Transactional(TxType.MANDATORY)
    public <T extends MeshEvent> void once(String consumer, T event, Consumer<T> handler) {
        if (firstDelivery(consumer, event.eventId())) {
            handler.accept(event);
        }
    }

    /**
     * Marks the event as handled by the consumer.
     *
     * @return true on its first delivery; false if the consumer handled it before, and must skip it
     */
    @Transactional(TxType.MANDATORY)
    public boolean firstDelivery(String consumer, UUID eventId) {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement insert = connection.prepareStatement(INSERT)) {
            insert.setString(1, consumer);
            insert.setObject(2, eventId);
            return insert.executeUpdate() == 1;
        } catch (SQLException e) {
            throw new OutboxException("cannot record delivery of event " + eventId + " to " + consumer, e);
        }
    }

    /**
     * Marks several events as handled by the consumer, in one statement.
     *
     * @return the ids delivered for the first time; an id the consumer handled before is left out
     */
    @Transactional(TxType.MANDATORY)
    public Set<UUID> firstDeliveries(String consumer, List<UUID> eventIds) {
        Set<UUID> first = new HashSet<>();
        if (eventIds.isEmpty()) {
            return first;
        }
        try (Connection connection = dataSource.getConnection();
                PreparedStatement insert = connection.prepareStatement(INSERT_ALL)) {
            insert.setString(1, consumer);
            insert.setArray(2, connection.createArrayOf("uuid", eventIds.toArray()));
            try (ResultSet inserted = insert.executeQuery()) {
                while (inserted.next()) {
                    first.add(inserted.getObject(1, UUID.class));
                }
            }
            return first;
        } catch (SQLException e) {
            throw new OutboxException("cannot record delivery of " + eventIds.size() + " events to " + consumer, e);
        }
    }
}
