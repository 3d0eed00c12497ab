package io.autorecovery.contracts;

import static io.autorecovery.contracts.Require.present;

import java.time.Instant;
import java.util.UUID;

/** One raw log record on {@code logs.raw}: a single line, or one assembled multi-line record. */
public record LogRecord(
        UUID eventId,
        Instant occurredAt,
        int version,
        String service,
        String level,
        String message,
        String logger,
        String thread,
        String traceId,
        String stackTrace)
        implements MeshEvent {

    public static final int VERSION = 1;

    public LogRecord {
        present(eventId, "eventId");
        present(occurredAt, "occurredAt");
        present(service, "service");
        present(message, "message");
    }

    public static LogRecord of(String service, String level, String message, String logger, String stackTrace) {
        return new LogRecord(
                UUID.randomUUID(), Instant.now(), VERSION, service, level, message, logger, null, null, stackTrace);
    }

    @Override
    public String subject() {
        return service;
    }
}
