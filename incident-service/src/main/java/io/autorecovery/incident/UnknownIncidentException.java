package io.autorecovery.incident;

import java.util.UUID;

/** An action named an incident this store does not hold. */
public class UnknownIncidentException extends RuntimeException {

    public UnknownIncidentException(UUID incidentId) {
        super("no incident " + incidentId);
    }
}
