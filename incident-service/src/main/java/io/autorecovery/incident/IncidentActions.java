package io.autorecovery.incident;

import io.autorecovery.contracts.IncidentAction;
import io.autorecovery.contracts.IncidentStatus;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import jakarta.transaction.Transactional.TxType;
import java.util.Optional;
import java.util.UUID;

/**
 * What a person may do to an incident. Each action is written to the timeline under the person's
 * name and announced on {@code incidents.updated}; an action the incident's state does not allow is
 * written as refused and reported back.
 */
@ApplicationScoped
public class IncidentActions {

    private final IncidentRepository repository;
    private final IncidentJournal journal;

    IncidentActions(IncidentRepository repository, IncidentJournal journal) {
        this.repository = repository;
        this.journal = journal;
    }

    /**
     * Applies the action to the incident.
     *
     * @return empty when applied, or why it was refused
     * @throws UnknownIncidentException when the store holds no such incident
     */
    @Transactional(TxType.MANDATORY)
    public Optional<String> apply(UUID incidentId, IncidentAction action, String actor, String text) {
        Incident incident = repository.lockById(incidentId).orElseThrow(() -> new UnknownIncidentException(incidentId));
        Step step = Step.person(action, describe(action, text), actor);
        IncidentChanges changes = journal.begin();

        Optional<String> refusal = decide(changes, incident, action, step);
        changes.flush();

        return refusal;
    }

    private Optional<String> decide(IncidentChanges changes, Incident incident, IncidentAction action, Step step) {
        return switch (action) {
            case ACKNOWLEDGED ->
                keepUnless(
                        changes,
                        incident,
                        step,
                        incident.status() == IncidentStatus.RESOLVED,
                        "a resolved incident needs no acknowledgement");
            case NOTE -> keepUnless(changes, incident, step, false, null);
            case APPROVED -> keepUnless(changes, incident, step, !awaitsApproval(incident), noPatchWaiting(incident));
            case REJECTED ->
                awaitsApproval(incident)
                        ? journal.move(changes, incident, IncidentStatus.NEEDS_HUMAN, step)
                                .refusal()
                        : refused(changes, incident, step, noPatchWaiting(incident));
            case RESOLVED ->
                journal.move(changes, incident, IncidentStatus.RESOLVED, step).refusal();
            case REOPENED -> reopen(changes, incident, step);
        };
    }

    private Optional<String> reopen(IncidentChanges changes, Incident incident, Step step) {
        if (incident.status() != IncidentStatus.RESOLVED) {
            return journal.move(changes, incident, IncidentStatus.REOPENED, step)
                    .refusal();
        }

        Long resolution =
                repository.lastResolution(incident.id()).map(TimelineEntry::id).orElse(null);
        journal.record(changes, incident.status(), incident.withStatus(IncidentStatus.REOPENED), step, resolution);

        return Optional.empty();
    }

    private Optional<String> keepUnless(
            IncidentChanges changes, Incident incident, Step step, boolean refuse, String why) {
        if (refuse) {
            return refused(changes, incident, step, why);
        }

        journal.keep(changes, incident, incident, step);

        return Optional.empty();
    }

    private Optional<String> refused(IncidentChanges changes, Incident incident, Step step, String why) {
        journal.refuse(changes, incident, step, why);

        return Optional.of(why);
    }

    private static boolean awaitsApproval(Incident incident) {
        return incident.status() == IncidentStatus.AWAITING_APPROVAL;
    }

    private static String noPatchWaiting(Incident incident) {
        return "no patch awaits approval: the incident is " + incident.status();
    }

    private static String describe(IncidentAction action, String text) {
        String name = action.name().toLowerCase(java.util.Locale.ROOT);
        return text == null || text.isBlank() ? name : name + ": " + text.strip();
    }
}
