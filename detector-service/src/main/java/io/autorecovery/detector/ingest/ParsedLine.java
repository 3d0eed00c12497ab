package io.autorecovery.detector.ingest;

import java.time.Instant;

/**
 * One raw log line after parsing: either the head of a record, or a continuation of the record
 * before it (a stack frame, a {@code Caused by:}, a line of a Python traceback).
 *
 * @param occurredAt null when the line carried no readable time
 * @param stackTrace a stack trace the line carried in a field of its own, or null
 */
record ParsedLine(
        String service,
        Instant occurredAt,
        String level,
        String message,
        String logger,
        String thread,
        String traceId,
        String stackTrace,
        boolean continuation) {

    static ParsedLine continuationOf(String service, String thread, String text) {
        return new ParsedLine(service, null, null, text, null, thread, null, null, true);
    }
}
