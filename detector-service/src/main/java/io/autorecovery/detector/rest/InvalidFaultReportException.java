package io.autorecovery.detector.rest;

import java.util.List;

/** A fault report that cannot be accepted as sent; answered with 400. */
class InvalidFaultReportException extends RuntimeException {

    private final List<ErrorResponse.FieldError> fields;

    InvalidFaultReportException(String message) {
        this(message, List.of());
    }

    InvalidFaultReportException(String message, List<ErrorResponse.FieldError> fields) {
        super(message);
        this.fields = List.copyOf(fields);
    }

    ErrorResponse toResponse() {
        return new ErrorResponse(getMessage(), fields);
    }
}
