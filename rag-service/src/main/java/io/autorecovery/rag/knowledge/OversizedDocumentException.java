package io.autorecovery.rag.knowledge;

/** Thrown when a field of the document is larger than the service accepts. */
public class OversizedDocumentException extends RuntimeException {

    public OversizedDocumentException(String message) {
        super(message);
    }
}
