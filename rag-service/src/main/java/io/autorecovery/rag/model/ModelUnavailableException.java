package io.autorecovery.rag.model;

/** The model could not answer now (timeout, throttling, server error); a later try may work. */
public class ModelUnavailableException extends RuntimeException {

    public ModelUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
