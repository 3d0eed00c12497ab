package io.autorecovery.detector.grouping;

/** One log line to group: its id, its message, and its ground-truth event (null when unknown). */
public record LabelledLine(String lineId, String content, String eventId) {}
