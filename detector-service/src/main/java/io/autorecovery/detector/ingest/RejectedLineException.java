package io.autorecovery.detector.ingest;

/** A raw log line that cannot be read as a log record; the reason names what is wrong with it. */
class RejectedLineException extends RuntimeException {

    RejectedLineException(String reason) {
        super(reason, null, false, false);
    }
}
