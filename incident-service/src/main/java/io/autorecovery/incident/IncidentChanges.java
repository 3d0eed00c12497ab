package io.autorecovery.incident;

import io.autorecovery.contracts.MeshEvent;
import io.autorecovery.outbox.Outbox;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * What one unit of work does to incidents, gathered so that it reaches the database in a few round
 * trips: new rows, the last state of each changed row, timeline entries and events, each kind in the
 * order it happened. Nothing is written before {@link #flush}.
 */
public final class IncidentChanges {

    private final IncidentRepository repository;
    private final Outbox outbox;
    private final Map<UUID, Incident> inserted = new LinkedHashMap<>();
    private final Map<UUID, Incident> updated = new LinkedHashMap<>();
    private final List<IncidentRepository.NewEntry> timeline = new ArrayList<>();
    private final List<MeshEvent> events = new ArrayList<>();

    IncidentChanges(IncidentRepository repository, Outbox outbox) {
        this.repository = repository;
        this.outbox = outbox;
    }

    void insert(Incident incident) {
        inserted.put(incident.id(), incident);
    }

    /** The incident's new state; a row inserted in this unit of work is inserted in that state. */
    void save(Incident incident) {
        if (inserted.containsKey(incident.id())) {
            inserted.put(incident.id(), incident);
        } else {
            updated.put(incident.id(), incident);
        }
    }

    void append(UUID incidentId, TimelineEntry entry) {
        timeline.add(new IncidentRepository.NewEntry(incidentId, entry));
    }

    /** An event about an incident, keyed by its incident id on its topic. */
    void announce(MeshEvent event) {
        events.add(event);
    }

    /** Writes everything gathered, in the caller's transaction, and forgets it. */
    public void flush() {
        repository.insertAll(List.copyOf(inserted.values()));
        repository.updateAll(List.copyOf(updated.values()));
        repository.appendTimeline(timeline);
        outbox.enqueueAll(events, MeshEvent::subject);
        inserted.clear();
        updated.clear();
        timeline.clear();
        events.clear();
    }
}
