package io.autorecovery.rag.knowledge;

/** Thrown when a document with the same id already exists. */
public class DocumentConflictException extends RuntimeException {

    public DocumentConflictException(String message) {
        super(message);
    }
}
