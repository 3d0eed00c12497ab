package io.autorecovery.incident;

import java.util.List;

/** A page of the incident list; {@code nextCursor} asks for the next one and is null on the last. */
public record IncidentPage(List<Incident> items, String nextCursor) {}
