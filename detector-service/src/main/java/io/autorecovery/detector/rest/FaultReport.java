package io.autorecovery.detector.rest;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** The body of {@code POST /faults}: one fault seen by a service, a probe or a fault-injection tool. */
@Schema(name = "FaultReport", description = "One occurrence of a fault")
public record FaultReport(
        @Schema(required = true, examples = "checkout") String service,

        @Schema(required = true, description = "a code of the fault-class vocabulary", examples = "db-timeout")
        String faultClass,

        @Schema(required = true, examples = "Query timed out after 30000 ms")
        String message,

        @Schema(description = "LOW, MEDIUM, HIGH or CRITICAL; derived from the fault class when absent")
        String severity,

        String stackTrace) {}
