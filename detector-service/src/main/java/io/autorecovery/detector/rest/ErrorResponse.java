package io.autorecovery.detector.rest;

import java.util.List;

/** The body of every error answer: what went wrong and, for invalid input, which fields. */
public record ErrorResponse(String error, List<FieldError> fields) {

    public ErrorResponse {
        fields = fields == null ? List.of() : List.copyOf(fields);
    }

    static ErrorResponse of(String error) {
        return new ErrorResponse(error, List.of());
    }

    /** One invalid field of a request body. */
    public record FieldError(String field, String message) {}
}
