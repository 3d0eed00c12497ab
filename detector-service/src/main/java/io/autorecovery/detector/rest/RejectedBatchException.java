package io.autorecovery.detector.rest;

import jakarta.ws.rs.core.Response;
import java.util.List;

/** A batch of log lines refused as a whole: too large, empty, or with no line that could be read. */
class RejectedBatchException extends RuntimeException {

    private final Response.Status status;
    private final List<ErrorResponse.FieldError> fields;

    RejectedBatchException(Response.Status status, String message, List<ErrorResponse.FieldError> fields) {
        super(message);
        this.status = status;
        this.fields = List.copyOf(fields);
    }

    Response.Status status() {
        return status;
    }

    ErrorResponse toResponse() {
        return new ErrorResponse(getMessage(), fields);
    }
}
