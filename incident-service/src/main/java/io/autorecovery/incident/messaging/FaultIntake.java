package io.autorecovery.incident.messaging;

import io.autorecovery.contracts.EventJson;
import io.autorecovery.contracts.FaultDetected;
import io.autorecovery.contracts.MalformedEventException;
import io.autorecovery.contracts.Topics;
import io.autorecovery.incident.IncidentLifecycle;
import io.autorecovery.incident.messaging.DeadLetters.DeadLetter;
import io.autorecovery.outbox.ProcessedEvents;
import io.quarkus.logging.Log;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;

/**
 * Handles a batch of {@code faults.detected} records in one transaction, each event once. A record
 * that cannot be read is dead-lettered and the rest are handled. While the database cannot be
 * reached, the batch waits and is tried again, with backoff, until it can: an outage holds
 * consumption back rather than dead-lettering good faults. When the batch's transaction fails for
 * another reason, each fault is tried in a transaction of its own, so that one fault the store
 * refuses is dead-lettered alone and the others still count.
 */
@ApplicationScoped
public class FaultIntake {

    static final String CONSUMER = "incident-service/" + Topics.FAULTS_DETECTED;

    private final IncidentLifecycle lifecycle;
    private final ProcessedEvents processed;
    private final DeadLetters deadLetters;
    private final DatabaseOutage outage;

    FaultIntake(
            IncidentLifecycle lifecycle, ProcessedEvents processed, DeadLetters deadLetters, DatabaseOutage outage) {
        this.lifecycle = lifecycle;
        this.processed = processed;
        this.deadLetters = deadLetters;
        this.outage = outage;
    }

    /** Returns once every record is either in the store or on the dead-letter topic. */
    public void handle(List<ReceivedRecord> records) {
        List<Received> readable = new ArrayList<>();
        List<DeadLetter> unreadable = new ArrayList<>();
        for (ReceivedRecord record : records) {
            try {
                readable.add(new Received(record, read(record)));
            } catch (MalformedEventException e) {
                unreadable.add(new DeadLetter(record, e.getMessage(), e));
            }
        }

        List<DeadLetter> refused = store(readable);
        unreadable.addAll(refused);
        deadLetters.send(unreadable);
        unreadable.forEach(letter -> Log.warnf(
                "faults.detected: %s dead-lettered: %s", letter.record().origin(), letter.reason()));
    }

    private static FaultDetected read(ReceivedRecord record) {
        if (record.payload() == null) {
            throw new MalformedEventException("unreadable FaultDetected: the record has no value");
        }
        return EventJson.read(record.payload(), FaultDetected.class);
    }

    /** @return the faults the store refused, one by one */
    private List<DeadLetter> store(List<Received> faults) {
        if (faults.isEmpty()) {
            return List.of();
        }
        try {
            storeWhenReachable(faults);
            return List.of();
        } catch (DatabaseOutage.StoppedWaiting e) {
            throw e;
        } catch (RuntimeException e) {
            Log.warnf("faults.detected: a batch of %d failed (%s); handling each fault alone", faults.size(), e);
        }

        List<DeadLetter> refused = new ArrayList<>();
        for (Received fault : faults) {
            try {
                storeWhenReachable(List.of(fault));
            } catch (DatabaseOutage.StoppedWaiting e) {
                throw e;
            } catch (RuntimeException e) {
                refused.add(new DeadLetter(fault.record(), "cannot be handled: " + describe(e), e));
            }
        }
        return refused;
    }

    /** Stores the batch, waiting with backoff for as long as the database cannot be reached. */
    private void storeWhenReachable(List<Received> faults) {
        outage.inTransaction(Topics.FAULTS_DETECTED + " (a batch of " + faults.size() + ")", () -> storeOnce(faults));
    }

    /** The failure and its first cause, which usually names what the database refused. */
    private static String describe(Throwable failure) {
        Throwable root = failure;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root == failure ? failure.getMessage() : failure.getMessage() + ": " + root.getMessage();
    }

    private void storeOnce(List<Received> faults) {
        Set<UUID> first = processed.firstDeliveries(
                CONSUMER, faults.stream().map(each -> each.fault().eventId()).toList());
        List<FaultDetected> fresh = faults.stream()
                .map(Received::fault)
                .filter(fault -> first.remove(fault.eventId()))
                .toList();
        lifecycle.onFaults(fresh);
    }

    private record Received(ReceivedRecord record, FaultDetected fault) {}
}
