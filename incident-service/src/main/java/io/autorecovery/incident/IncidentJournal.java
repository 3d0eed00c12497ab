package io.autorecovery.incident;

import io.autorecovery.contracts.IncidentStatus;
import io.autorecovery.contracts.IncidentUpdated;
import io.autorecovery.outbox.Outbox;
import io.quarkus.logging.Log;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

/**
 * Writes what happens to an incident: the row, its timeline entry and the {@code incidents.updated}
 * event, together in one unit of work. A move the lifecycle refuses is written to the timeline as
 * refused, never applied.
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

    /** A new unit of work; the caller flushes it inside its transaction. */
    public IncidentChanges begin() {
        return new IncidentChanges(repository, outbox);
    }

    Instant now() {
        return clock.instant();
    }

    /**
     * Moves the incident to {@code next} if the lifecycle allows it.
     *
     * @return the incident after the move; or, when refused, why (also written to the timeline)
     */
    public Move move(IncidentChanges changes, Incident incident, IncidentStatus next, Step step) {
        Optional<String> refusal = Lifecycle.refusal(incident.status(), next);
        if (refusal.isPresent()) {
            refuse(changes, incident, step, refusal.get());
            return new Move(incident, refusal);
        }

        Incident after = incident.withStatus(next);
        changes.save(after);
        record(changes, incident.status(), after, step, null);
        Log.infof("incident %s: %s -> %s (%s)", incident.id(), incident.status(), next, step.event());

        return new Move(after, Optional.empty());
    }

    /** Records a step that leaves the status as it is: a recurrence, a note, an acknowledgement. */
    public void keep(IncidentChanges changes, Incident before, Incident after, Step step) {
        changes.save(after);
        record(changes, before.status(), after, step, null);
    }

    /** Records a step the incident's state does not allow, without changing the incident. */
    public void refuse(IncidentChanges changes, Incident incident, Step step, String why) {
        changes.append(
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
     * Writes the timeline entry and the event of a change made to the incident, and its new state.
     *
     * @param follows the earlier timeline entry this one answers, or null
     */
    public void record(IncidentChanges changes, IncidentStatus previous, Incident after, Step step, Long follows) {
        Instant now = clock.instant();
        TimelineEntry entry = TimelineEntry.applied(
                        now, after.status(), step.event(), step.detail(), step.actor(), step.eventId())
                .following(follows);
        changes.save(after);
        changes.append(after.id(), entry);
        changes.announce(new IncidentUpdated(
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
                step.action()));
    }

    /** Where a move left the incident, and why it was refused if it was. */
    public record Move(Incident incident, Optional<String> refusal) {

        public boolean applied() {
            return refusal.isEmpty();
        }
    }
}
