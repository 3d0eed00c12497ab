package io.autorecovery.incident;

import io.autorecovery.contracts.IncidentStatus;
import io.autorecovery.contracts.IncidentUpdated;
import io.autorecovery.outbox.Outbox;
import io.quarkus.logging.Log;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import jakarta.transaction.Transactional.TxType;
import java.time.Clock;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

/**
 * Writes what happens to an incident: the row, its timeline entry and the {@code incidents.updated}
 * event, together. A move the lifecycle refuses is written to the timeline as refused, never
 * applied.
 */
@ApplicationScoped
public class IncidentJournal {

    private final IncidentRepository repository;
    private final Outbox outbox;
    private final Clock clock = Clock.systemUTC();

    IncidentJournal(IncidentRepository repository, Outbox outbox) {
        this.repository = repository;
        this.outbox = outbox;
    }

    /**
     * Moves the incident to {@code next} if the lifecycle allows it.
     *
     * @return empty when applied; otherwise why the lifecycle refused it (also in the timeline)
     */
    @Transactional(TxType.MANDATORY)
    public Optional<String> move(Incident incident, IncidentStatus next, Step step) {
        Optional<String> refusal = Lifecycle.refusal(incident.status(), next);
        if (refusal.isPresent()) {
            refuse(incident, step, refusal.get());
            return refusal;
        }

        Incident after = incident.withStatus(next);
        repository.update(after);
        record(incident.status(), after, step, null);
        Log.infof("incident %s: %s -> %s (%s)", incident.id(), incident.status(), next, step.event());

        return Optional.empty();
    }

    /** Records a step that leaves the status as it is: a recurrence, a note, an acknowledgement. */
    @Transactional(TxType.MANDATORY)
    public void keep(Incident before, Incident after, Step step) {
        repository.update(after);
        record(before.status(), after, step, null);
    }

    /** Records a step the incident's state does not allow, without changing the incident. */
    @Transactional(TxType.MANDATORY)
    public void refuse(Incident incident, Step step, String why) {
        repository.appendTimeline(
                incident.id(),
                TimelineEntry.rejected(
                        clock.instant(),
                        incident.status(),
                        step.event(),
                        step.detail(),
                        step.actor(),
                        step.eventId(),
                        why));
        Log.infof("incident %s: %s refused: %s", incident.id(), step.event(), why);
    }

    /**
     * Writes the timeline entry and the event of a change already made to the row.
     *
     * @param follows the earlier timeline entry this one answers, or null
     */
    @Transactional(TxType.MANDATORY)
    public void record(IncidentStatus previous, Incident after, Step step, Long follows) {
        Instant now = clock.instant();
        TimelineEntry entry = TimelineEntry.applied(
                        now, after.status(), step.event(), step.detail(), step.actor(), step.eventId())
                .following(follows);
        repository.appendTimeline(after.id(), entry);
        IncidentUpdated event = new IncidentUpdated(
                UUID.randomUUID(),
                now,
                IncidentUpdated.VERSION,
                after.id(),
                after.fingerprint(),
                after.service(),
                previous,
                after.status(),
                after.occurrences(),
                step.detail(),
                step.actor(),
                step.action());
        outbox.enqueue(event, after.id().toString());
    }
}
