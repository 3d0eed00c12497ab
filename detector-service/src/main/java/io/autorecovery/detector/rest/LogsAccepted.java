package io.autorecovery.detector.rest;

import io.autorecovery.detector.ingest.IntakeResult;
import java.util.List;

/**
 * The answer to a batch of log lines.
 *
 * @param lines lines received
 * @param accepted lines read; {@code rejected} lines were refused, the first few named in {@code
 *     rejections}
 * @param records records assembled from the accepted lines (a stack trace joins its log line)
 * @param faults records that went down the detection path
 * @param breadcrumbs records kept as context for later faults
 * @param truncated lines and records cut to their bounds, each with a visible marker
 */
public record LogsAccepted(
        int lines,
        int accepted,
        int rejected,
        int records,
        int faults,
        int breadcrumbs,
        int truncated,
        List<IntakeResult.Rejection> rejections) {

    static LogsAccepted of(IntakeResult result) {
        return new LogsAccepted(
                result.lines(),
                result.lines() - result.rejected(),
                result.rejected(),
                result.records(),
                result.faults(),
                result.breadcrumbs(),
                result.truncated(),
                result.rejections());
    }
}
