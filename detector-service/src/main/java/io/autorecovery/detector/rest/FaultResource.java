package io.autorecovery.detector.rest;

import io.autorecovery.detector.Detection;
import io.autorecovery.detector.FaultDetector;
import io.autorecovery.detector.FaultSignal;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;

/** Fault reports over HTTP: the same detection path as error records read from {@code logs.raw}. */
@Path("/faults")
public class FaultResource {

    private final FaultDetector detector;

    FaultResource(FaultDetector detector) {
        this.detector = detector;
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "Report one occurrence of a fault")
    @RequestBody(
            required = true,
            content =
                    @Content(
                            mediaType = MediaType.APPLICATION_JSON,
                            schema = @Schema(implementation = FaultReport.class)))
    @APIResponse(
            responseCode = "202",
            description = "recorded; emitted tells whether faults.detected was raised",
            content = @Content(schema = @Schema(implementation = FaultAccepted.class)))
    @APIResponse(
            responseCode = "400",
            description = "malformed, oversized or invalid report",
            content = @Content(schema = @Schema(implementation = ErrorResponse.class)))
    @APIResponse(
            responseCode = "503",
            description = "Redis or the broker is unavailable; retry later",
            content = @Content(schema = @Schema(implementation = ErrorResponse.class)))
    public Response report(byte[] body) {
        // Parsed here rather than by the framework, to bound the size and name every invalid field.
        FaultSignal signal = FaultReportReader.read(body, Instant.now().truncatedTo(ChronoUnit.MILLIS));
        Detection detection = detector.detect(signal);

        return Response.accepted(FaultAccepted.of(detection)).build();
    }
}
