package io.autorecovery.rag.knowledge;

/** Thrown when no document has this id. */
public class UnknownDocumentException extends RuntimeException {

    public UnknownDocumentException(String id) {
        super("no knowledge document has the id '" + id + "'");
    }
}
