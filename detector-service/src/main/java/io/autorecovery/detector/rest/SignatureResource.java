package io.autorecovery.detector.rest;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.autorecovery.detector.Fingerprint;
import io.autorecovery.detector.stack.StackSignature;
import io.autorecovery.detector.store.SignatureStore;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.eclipse.microprofile.openapi.annotations.Operation;

/**
 * Explains a fault signature: its template and which tokens were masked, and why; for a stack
 * signature, the frames kept and the frames dropped, and why.
 */
@Path("/signatures")
public class SignatureResource {

    private static final Pattern FINGERPRINT = Pattern.compile("[0-9a-f]{" + Fingerprint.LENGTH + "}");

    private final SignatureStore signatures;
    private final ObjectMapper json;

    SignatureResource(SignatureStore signatures, ObjectMapper json) {
        this.signatures = signatures;
        this.json = json;
    }

    @GET
    @Path("/{fingerprint}")
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "Explain a fault signature: template, counts, masked tokens, stack frames")
    public SignatureView explain(@PathParam("fingerprint") String value) {
        if (!FINGERPRINT.matcher(value).matches()) {
            throw new InvalidFaultReportException(
                    "invalid fingerprint",
                    List.of(new ErrorResponse.FieldError(
                            "fingerprint", "must be " + Fingerprint.LENGTH + " lower-case hex characters")));
        }
        Fingerprint fingerprint = new Fingerprint(value);
        Map<String, String> fields = signatures.read(fingerprint);
        if (fields.isEmpty()) {
            throw new NotFoundException("no signature " + value);
        }

        return new SignatureView(
                value,
                fields.get("service"),
                fields.get("faultClass"),
                fields.get("templateId"),
                fields.get("template"),
                Long.parseLong(fields.getOrDefault("count", "0")),
                instant(fields.get("firstSeen")),
                instant(fields.get("lastSeen")),
                masked(fields.get("masked")),
                fields.containsKey("stack") ? SignatureView.BASIS_STACK : SignatureView.BASIS_TEMPLATE,
                stack(fields.get("stack")));
    }

    private SignatureView.StackView stack(String text) {
        if (text == null) {
            return null;
        }
        StackSignature stack;
        try {
            stack = json.readValue(text, StackSignature.class);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("unreadable stack signature of a signature", e);
        }
        return new SignatureView.StackView(
                stack.language(),
                stack.exceptionType(),
                stack.causes(),
                stack.frames(),
                stack.dropped().stream()
                        .map(d -> new SignatureView.DroppedFrameView(d.frame(), d.reason()))
                        .toList(),
                stack.droppedCount());
    }

    private static Instant instant(String epochMillis) {
        return epochMillis == null ? null : Instant.ofEpochMilli(Long.parseLong(epochMillis));
    }

    private List<SignatureView.MaskedTokenView> masked(String text) {
        if (text == null) {
            return List.of();
        }
        try {
            return json.readValue(text, new TypeReference<List<SignatureView.MaskedTokenView>>() {});
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("unreadable masked tokens of a signature", e);
        }
    }
}
