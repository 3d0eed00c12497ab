package io.autorecovery.incident.rest;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import io.autorecovery.incident.UnknownIncidentException;
import io.quarkus.logging.Log;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.ConstraintViolationException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.Response.Status;
import java.util.List;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/** Every failure of the API answers as problem details; bad input gets a 4xx, never a 500. */
class ProblemMappers {

    @ServerExceptionMapper
    Response invalid(InvalidRequestException e) {
        return Problem.of(Status.BAD_REQUEST, e.getMessage()).toResponse();
    }

    @ServerExceptionMapper
    Response unknown(UnknownIncidentException e) {
        return Problem.of(Status.NOT_FOUND, e.getMessage()).toResponse();
    }

    @ServerExceptionMapper
    Response violations(ConstraintViolationException e) {
        List<String> errors = e.getConstraintViolations().stream()
                .map(ProblemMappers::describe)
                .sorted()
                .toList();
        return Problem.of(Status.BAD_REQUEST, "the request is invalid")
                .withErrors(errors)
                .toResponse();
    }

    @ServerExceptionMapper
    Response unreadableBody(JsonProcessingException e) {
        return unreadable();
    }

    /** Well-formed JSON of the wrong shape; this mapper also takes over from Jackson's bare 400. */
    @ServerExceptionMapper
    Response wrongShape(MismatchedInputException e) {
        return unreadable();
    }

    private static Response unreadable() {
        return Problem.of(Status.BAD_REQUEST, "the request body is not the JSON this endpoint reads")
                .toResponse();
    }

    @ServerExceptionMapper
    Response http(WebApplicationException e) {
        Response.StatusType status = e.getResponse().getStatusInfo();
        String detail = switch (status.getStatusCode()) {
            case 400 -> "the request body or a parameter cannot be read";
            case 404 -> "no such resource";
            default -> status.getReasonPhrase();
        };
        return Problem.of(status, detail).toResponse();
    }

    @ServerExceptionMapper
    Response unexpected(RuntimeException e) {
        Log.errorf(e, "incident API request failed");
        return Problem.of(Status.INTERNAL_SERVER_ERROR, "the incident service could not answer; see its log")
                .toResponse();
    }

    private static String describe(ConstraintViolation<?> violation) {
        String path = violation.getPropertyPath().toString();
        String field = path.substring(path.lastIndexOf('.') + 1);
        return field + ": " + violation.getMessage();
    }
}
