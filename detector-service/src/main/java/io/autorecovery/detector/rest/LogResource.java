package io.autorecovery.detector.rest;

import io.autorecovery.detector.FaultSignal;
import io.autorecovery.detector.config.DetectorConfig;
import io.autorecovery.detector.ingest.IntakeResult;
import io.autorecovery.detector.ingest.LogIntake;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;

/**
 * Batches of raw log lines over HTTP, one JSON object a line or plain text: stack traces are
 * assembled with their log lines and each record takes the same path as a record of {@code
 * logs.raw}.
 */
@Path("/logs")
public class LogResource {

    /** Newline-delimited JSON. */
    public static final String NDJSON = "application/x-ndjson";

    private final LogIntake intake;
    private final int maxBodyBytes;

    LogResource(LogIntake intake, DetectorConfig config) {
        this.intake = intake;
        this.maxBodyBytes = config.intake().maxBodyBytes();
    }

    @POST
    @Consumes({NDJSON, MediaType.TEXT_PLAIN})
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "Take a batch of log lines: JSON objects or plain text, one a line")
    @APIResponse(
            responseCode = "202",
            description = "handled; lines refused are counted and the first few named",
            content = @Content(schema = @Schema(implementation = LogsAccepted.class)))
    @APIResponse(
            responseCode = "400",
            description = "no service, an empty body, or no line that could be read",
            content = @Content(schema = @Schema(implementation = ErrorResponse.class)))
    @APIResponse(responseCode = "413", description = "body over the size limit")
    @APIResponse(responseCode = "415", description = "neither application/x-ndjson nor text/plain")
    @APIResponse(responseCode = "503", description = "Redis or the broker is unavailable; retry the batch")
    public Response accept(
            @Parameter(description = "service of the lines that do not name their own", required = true)
                    @QueryParam("service")
                    String service,
            InputStream body) {
        FaultSignal.serviceNameProblem(service).ifPresent(problem -> {
            throw new RejectedBatchException(
                    Response.Status.BAD_REQUEST,
                    "invalid query parameter",
                    List.of(new ErrorResponse.FieldError("service", problem)));
        });
        List<String> lines = lines(read(body));
        IntakeResult result = intake.accept(service, lines);
        if (result.rejected() == result.lines()) {
            throw new RejectedBatchException(
                    Response.Status.BAD_REQUEST, "no line of the batch could be read", fieldsOf(result));
        }

        return Response.accepted(LogsAccepted.of(result)).build();
    }

    private byte[] read(InputStream body) {
        byte[] bytes;
        try (InputStream in = body) {
            bytes = in == null ? new byte[0] : in.readNBytes(maxBodyBytes + 1);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        if (bytes.length > maxBodyBytes) {
            throw new RejectedBatchException(
                    Response.Status.REQUEST_ENTITY_TOO_LARGE,
                    "request body exceeds the limit of " + maxBodyBytes + " bytes; send smaller batches",
                    List.of());
        }
        if (bytes.length == 0) {
            throw new RejectedBatchException(
                    Response.Status.BAD_REQUEST, "request body is empty: log lines were expected", List.of());
        }
        return bytes;
    }

    /** Lines of the body; bytes that are not UTF-8 become U+FFFD, so the rest of the line survives. */
    private static List<String> lines(byte[] bytes) {
        String text;
        try {
            text = StandardCharsets.UTF_8
                    .newDecoder()
                    .onMalformedInput(CodingErrorAction.REPLACE)
                    .onUnmappableCharacter(CodingErrorAction.REPLACE)
                    .decode(ByteBuffer.wrap(bytes))
                    .toString();
        } catch (CharacterCodingException e) {
            throw new IllegalStateException("a replacing decoder does not fail", e);
        }
        List<String> lines = new ArrayList<>();
        int start = 0;
        for (int end = text.indexOf('\n'); end >= 0; end = text.indexOf('\n', start)) {
            lines.add(text.substring(start, end));
            start = end + 1;
        }
        if (start < text.length()) {
            lines.add(text.substring(start));
        }
        return lines;
    }

    private static List<ErrorResponse.FieldError> fieldsOf(IntakeResult result) {
        return result.rejections().stream()
                .map(r -> new ErrorResponse.FieldError("line " + r.line(), r.reason()))
                .toList();
    }
}
