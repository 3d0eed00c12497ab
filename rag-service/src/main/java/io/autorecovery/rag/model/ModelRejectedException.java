package io.autorecovery.rag.model;

/** The model's API refused the request itself (bad key, bad request): trying again will not help. */
public class ModelRejectedException extends RuntimeException {

    public ModelRejectedException(String message, Throwable cause) {
        super(message, cause);
    }
}
