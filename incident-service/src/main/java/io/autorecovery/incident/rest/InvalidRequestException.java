package io.autorecovery.incident.rest;

/** A request the API cannot serve as asked: a bad filter, sort or cursor. Answers 400. */
public class InvalidRequestException extends RuntimeException {

    public InvalidRequestException(String message) {
        super(message);
    }
}
