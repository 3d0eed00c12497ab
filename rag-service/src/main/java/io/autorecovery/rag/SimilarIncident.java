package io.autorecovery.rag;

import java.util.UUID;

/** A past incident like the one being diagnosed, and whether a fix for it held. */
public record SimilarIncident(UUID incidentId, boolean sameFingerprint, boolean fixVerified) {}
