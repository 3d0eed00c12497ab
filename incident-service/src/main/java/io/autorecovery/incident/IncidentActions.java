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

        return switch (action) {
            case ACKNOWLEDGED ->
                keepUnless(
                        incident,
                        step,
                        incident.status() == IncidentStatus.RESOLVED,
                        "a resolved incident needs no acknowledgement");
            case NOTE -> keepUnless(incident, step, false, null);
            case APPROVED -> keepUnless(incident, step, !awaitsApproval(incident), noPatchWaiting(incident));
            case REJECTED ->
                awaitsApproval(incident)
                        ? journal.move(incident, IncidentStatus.NEEDS_HUMAN, step)
                        : refused(incident, step, noPatchWaiting(incident));
            case RESOLVED -> journal.move(incident, IncidentStatus.RESOLVED, step);
            case REOPENED -> reopen(incident, step);
        };
    }

    private Optional<String> reopen(Incident incident, Step step) {
        if (incident.status() != IncidentStatus.RESOLVED) {
            return journal.move(incident, IncidentStatus.REOPENED, step);
        }

        Long resolution =
                repository.lastResolution(incident.id()).map(TimelineEntry::id).orElse(null);
        Incident reopened = incident.withStatus(IncidentStatus.REOPENED);
        repository.update(reopened);
        journal.record(incident.status(), reopened, step, resolution);

        return Optional.empty();
    }

    private Optional<String> keepUnless(Incident incident, Step step, boolean refuse, String why) {
        if (refuse) {
            return refused(incident, step, why);
        }

        journal.keep(incident, incident, step);

        return Optional.empty();
    }

    private Optional<String> refused(Incident incident, Step step, String why) {
        journal.refuse(incident, step, why);

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
