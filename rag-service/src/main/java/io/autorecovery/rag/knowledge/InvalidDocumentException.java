package io.autorecovery.rag.knowledge;

/** A document that the store refuses, with a message that says what to change. */
public class InvalidDocumentException extends RuntimeException {

    public InvalidDocumentException(String message) {
        super(message);
    }
}
