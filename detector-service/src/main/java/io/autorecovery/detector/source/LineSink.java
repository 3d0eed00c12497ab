package io.autorecovery.detector.source;

import java.util.List;

/** Where a log source hands the lines it read: in production the detector's log intake. */
@FunctionalInterface
public interface LineSink {

    /**
     * Takes lines of one origin in the order they were logged; returns once they are handled.
     *
     * @throws io.autorecovery.detector.DetectorUnavailableException when Redis or the broker failed,
     *     so the source keeps its position and offers the lines again later
     */
    void accept(String defaultService, List<String> lines);
}
