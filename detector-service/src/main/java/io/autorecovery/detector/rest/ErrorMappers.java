package io.autorecovery.detector.rest;

import io.autorecovery.detector.DetectorUnavailableException;
import io.quarkus.logging.Log;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.jboss.resteasy.reactive.RestResponse;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/** Turns failures into JSON error answers, so that no caller ever gets an empty or HTML body. */
class ErrorMappers {

    @ServerExceptionMapper
    RestResponse<ErrorResponse> invalidReport(InvalidFaultReportException e) {
        return json(Response.Status.BAD_REQUEST, e.toResponse());
    }

    @ServerExceptionMapper
    RestResponse<ErrorResponse> rejectedBatch(RejectedBatchException e) {
        return json(e.status(), e.toResponse());
    }

    @ServerExceptionMapper
    RestResponse<ErrorResponse> unavailable(DetectorUnavailableException e) {
        Log.warnf("Request refused for now: %s", e.getMessage());
        return json(
                Response.Status.SERVICE_UNAVAILABLE,
                ErrorResponse.of("the detector cannot record faults right now; retry later"));
    }

    @ServerExceptionMapper
    RestResponse<ErrorResponse> http(WebApplicationException e) {
        Response.StatusType status = e.getResponse().getStatusInfo();
        return json(status, ErrorResponse.of(status.getReasonPhrase()));
    }

    private static RestResponse<ErrorResponse> json(Response.StatusType status, ErrorResponse body) {
        return RestResponse.ResponseBuilder.create(status, body)
                .type(MediaType.APPLICATION_JSON_TYPE)
                .build();
    }
}
