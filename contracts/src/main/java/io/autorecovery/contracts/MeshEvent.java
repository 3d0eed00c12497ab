package io.autorecovery.contracts;

import java.time.Instant;
import java.util.UUID;

/** What every event on a mesh topic carries, whatever its kind. */
public interface MeshEvent {

    UUID eventId();

    Instant occurredAt();

    /** Schema version of the payload; readers accept every version up to their own. */
    int version();

    /**
     * The id that threads the whole story: the incident id from the incident onward, the fault
     * fingerprint before it, the service name for a deploy that no incident asked for.
     */
    String subject();
}
