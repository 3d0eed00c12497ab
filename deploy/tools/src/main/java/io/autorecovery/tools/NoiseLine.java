package io.autorecovery.tools;

/** An ordinary log line of normal traffic, logged between faults. */
public record NoiseLine(String service, String level, String logger, String message) {}
