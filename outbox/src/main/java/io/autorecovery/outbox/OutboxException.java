package io.autorecovery.outbox;

/** The outbox or the processed-event table could not be written or read. */
public class OutboxException extends RuntimeException {

    public OutboxException(String message, Throwable cause) {
        super(message, cause);
    }
}
