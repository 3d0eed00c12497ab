package io.autorecovery.detector;

/** The store or the broker could not do its part; the caller may retry later. */
public class DetectorUnavailableException extends RuntimeException {

    public DetectorUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
