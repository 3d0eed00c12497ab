package io.autorecovery.detector.rest;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.autorecovery.contracts.EventJson;
import io.autorecovery.contracts.FaultClass;
import io.autorecovery.contracts.Severity;
import io.autorecovery.detector.FaultSignal;
import io.autorecovery.detector.rest.ErrorResponse.FieldError;
import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/** Reads and checks the body of a fault report; every problem found is named in the error. */
final class FaultReportReader {

    /** Largest body accepted. */
    static final int MAX_BODY_BYTES = 64 * 1024;

    private static final int MAX_PARSER_DETAIL_CHARS = 200;

    private static final String KNOWN_CLASSES =
            Arrays.stream(FaultClass.values()).map(FaultClass::code).collect(Collectors.joining(", "));
    private static final String KNOWN_SEVERITIES =
            Arrays.stream(Severity.values()).map(Severity::name).collect(Collectors.joining(", "));

    private FaultReportReader() {}

    static FaultSignal read(byte[] body, Instant receivedAt) {
        FaultReport report = parse(body);
        List<FieldError> errors = new ArrayList<>();

        FaultSignal.serviceNameProblem(report.service())
                .ifPresent(problem -> errors.add(new FieldError("service", problem)));
        FaultClass faultClass = faultClass(report.faultClass(), errors);
        if (report.message() == null || report.message().isBlank()) {
            errors.add(new FieldError("message", "is missing"));
        }
        Severity severity = severity(report.severity(), errors);
        if (!errors.isEmpty()) {
            throw new InvalidFaultReportException("invalid fault report", errors);
        }

        return new FaultSignal(
                report.service(), faultClass, report.message(), severity, report.stackTrace(), receivedAt);
    }

    private static FaultReport parse(byte[] body) {
        if (body == null || body.length == 0) {
            throw new InvalidFaultReportException("request body is empty: a JSON fault report was expected");
        }
        if (body.length > MAX_BODY_BYTES) {
            throw new InvalidFaultReportException(
                    "request body of " + body.length + " bytes exceeds the limit of " + MAX_BODY_BYTES + " bytes");
        }
        FaultReport report;
        try {
            report = EventJson.mapper().readValue(body, FaultReport.class);
        } catch (JsonProcessingException e) {
            throw new InvalidFaultReportException("request body is not a valid fault report: " + detail(e));
        } catch (IOException e) {
            throw new InvalidFaultReportException("request body cannot be read: " + e.getMessage());
        }
        if (report == null) {
            throw new InvalidFaultReportException("request body must be a JSON object");
        }

        return report;
    }

    private static FaultClass faultClass(String code, List<FieldError> errors) {
        if (code == null || code.isBlank()) {
            errors.add(new FieldError("faultClass", "is missing"));
            return null;
        }
        // FaultClass.of reads codes it does not know as UNKNOWN; a report must name a known one.
        FaultClass faultClass = FaultClass.of(code);
        if (!faultClass.code().equals(code)) {
            errors.add(new FieldError("faultClass", "unknown fault class; known: " + KNOWN_CLASSES));
            return null;
        }

        return faultClass;
    }

    private static Severity severity(String value, List<FieldError> errors) {
        if (value == null) {
            return null;
        }
        try {
            return Severity.valueOf(value.strip().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            errors.add(new FieldError("severity", "unknown severity; known: " + KNOWN_SEVERITIES));
            return null;
        }
    }

    private static String detail(JsonProcessingException e) {
        String detail = String.valueOf(e.getOriginalMessage());
        return detail.length() <= MAX_PARSER_DETAIL_CHARS ? detail : detail.substring(0, MAX_PARSER_DETAIL_CHARS);
    }
}
