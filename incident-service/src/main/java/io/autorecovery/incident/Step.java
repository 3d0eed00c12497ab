package io.autorecovery.incident;

import io.autorecovery.contracts.IncidentAction;
import java.util.UUID;

/**
 * What asks an incident to change: the event or action name for the timeline, a short detail, who
 * asks, the event id when a mesh event asks, and the person's action when a person asks.
 */
public record Step(String event, String detail, String actor, UUID eventId, IncidentAction action) {

    private static final int DETAIL_LIMIT = 500;

    public Step {
        detail = detail == null ? null : bounded(detail, DETAIL_LIMIT);
    }

    public static Step pipeline(String topic, String detail, String actor, UUID eventId) {
        return new Step(topic, detail, actor, eventId, null);
    }

    public static Step person(IncidentAction action, String detail, String actor) {
        return new Step(action.name().toLowerCase(java.util.Locale.ROOT), detail, actor, null, action);
    }

    /** The same step, told with another detail. */
    public Step withDetail(String other) {
        return new Step(event, other, actor, eventId, action);
    }

    static String bounded(String text, int limit) {
        return text.length() <= limit ? text : text.substring(0, limit - 1) + "…";
    }
}
