package io.autorecovery.rag;

import io.autorecovery.contracts.Evidence;
import java.util.List;
import java.util.UUID;

/** The diagnosis of one incident, as the store keeps it. */
public record Analysis(
        UUID incidentId,
        String rootCause,
        String remediation,
        double confidence,
        String method,
        List<Evidence> evidence,
        List<UUID> similarIncidents) {}
