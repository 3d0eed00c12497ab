package io.autorecovery.rag;

import io.autorecovery.contracts.Evidence;
import io.autorecovery.contracts.FaultClass;
import java.util.List;
import java.util.UUID;

/**
 * The diagnosis of one incident, as the store keeps it.
 *
 * @param faultClass the class the diagnosis settled on: the incident's, or the one its best match
 *     names when the incident's was unknown
 * @param method what produced it: {@code retrieval} or {@code gemini}
 */
public record Analysis(
        UUID incidentId,
        FaultClass faultClass,
        String rootCause,
        String remediation,
        double confidence,
        String method,
        List<Evidence> evidence,
        List<UUID> similarIncidents) {}
