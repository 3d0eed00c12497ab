package io.autorecovery.rag.rest;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.autorecovery.rag.knowledge.DocumentConflictException;
import io.autorecovery.rag.knowledge.InvalidDocumentException;
import io.autorecovery.rag.knowledge.OversizedDocumentException;
import io.autorecovery.rag.knowledge.UnknownDocumentException;
import io.quarkus.logging.Log;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.Response.Status;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/** Every failure of the API answers as problem details; bad input gets a 4xx, never a 500. */
class ProblemMappers {

    @ServerExceptionMapper
    Response invalid(InvalidDocumentException e) {
        return Problem.of(Status.BAD_REQUEST, e.getMessage());
    }

    @ServerExceptionMapper
    Response invalidParameter(IllegalArgumentException e) {
        return Problem.of(Status.BAD_REQUEST, e.getMessage());
    }

    @ServerExceptionMapper
    Response oversized(OversizedDocumentException e) {
        return Problem.of(Status.REQUEST_ENTITY_TOO_LARGE, e.getMessage());
    }

    @ServerExceptionMapper
    Response conflict(DocumentConflictException e) {
        return Problem.of(Status.CONFLICT, e.getMessage());
    }

    @ServerExceptionMapper
    Response unknown(UnknownDocumentException e) {
        return Problem.of(Status.NOT_FOUND, e.getMessage());
    }

    @ServerExceptionMapper
    Response unreadableBody(JsonProcessingException e) {
        Throwable cause = e.getCause();
        if (cause instanceof InvalidDocumentException invalid) {
            return invalid(invalid);
        }
        return Problem.of(Status.BAD_REQUEST, "the request body is not the JSON this endpoint reads");
    }

    @ServerExceptionMapper
    Response http(WebApplicationException e) {
        Response.StatusType status = e.getResponse().getStatusInfo();
        String detail = switch (status.getStatusCode()) {
            case 400 -> "the request body or a parameter cannot be read";
            case 404 -> e.getMessage() == null ? "no such resource" : e.getMessage();
            case 413 -> "the request body is too large";
            default -> status.getReasonPhrase();
        };
        return Problem.of(status, detail);
    }

    @ServerExceptionMapper
    Response unexpected(RuntimeException e) {
        Log.errorf(e, "knowledge API request failed");
        return Problem.of(Status.INTERNAL_SERVER_ERROR, "the rag service could not answer; see its log");
    }
}
