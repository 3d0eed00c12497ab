package io.autorecovery.incident.rest;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.autorecovery.contracts.EventJson;
import io.quarkus.runtime.configuration.MemorySize;
import io.vertx.core.http.HttpHeaders;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.ws.rs.core.Response.Status;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Answers a request body over {@code quarkus.http.limits.max-body-size} with problem details (413)
 * instead of the HTTP layer's bare status: at once when the declared length is over the limit, and
 * when a body sent without a length runs over it.
 */
@ApplicationScoped
class BodyLimit {

    /** Before every other route, so that no oversized body is read. */
    private static final int FIRST = Integer.MIN_VALUE + 100;

    private final long maxBytes;

    BodyLimit(@ConfigProperty(name = "quarkus.http.limits.max-body-size") MemorySize maxBodySize) {
        this.maxBytes = maxBodySize.asLongValue();
    }

    void guard(@Observes Router router) {
        router.route().order(FIRST).handler(this::checkDeclaredLength);
        router.route().order(FIRST).failureHandler(this::answerTooLarge);
    }

    private void checkDeclaredLength(RoutingContext context) {
        String length = context.request().getHeader(HttpHeaders.CONTENT_LENGTH);
        if (length != null && declaredOver(length)) {
            tooLarge(context);
            return;
        }
        context.next();
    }

    private boolean declaredOver(String length) {
        try {
            return Long.parseLong(length.strip()) > maxBytes;
        } catch (NumberFormatException e) {
            return false;
        }
    }

    private void answerTooLarge(RoutingContext context) {
        if (context.statusCode() == Status.REQUEST_ENTITY_TOO_LARGE.getStatusCode()
                && !context.response().headWritten()) {
            tooLarge(context);
            return;
        }
        context.next();
    }

    private void tooLarge(RoutingContext context) {
        Problem problem =
                Problem.of(Status.REQUEST_ENTITY_TOO_LARGE, "the request body is larger than " + maxBytes + " bytes");
        context.response()
                .setStatusCode(problem.status())
                .putHeader(HttpHeaders.CONTENT_TYPE, Problem.MEDIA_TYPE)
                .putHeader(HttpHeaders.CONNECTION, "close")
                .end(json(problem));
    }

    private static String json(Problem problem) {
        try {
            return EventJson.mapper().writeValueAsString(problem);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write problem details", e);
        }
    }
}
