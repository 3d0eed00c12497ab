package io.autorecovery.detector.ingest;

import java.util.List;

/**
 * What became of a batch of raw log lines.
 *
 * @param lines lines received
 * @param records records assembled from the accepted lines
 * @param faults records that went down the detection path
 * @param breadcrumbs records kept as context
 * @param rejected lines refused; the first few are named in {@code rejections}
 * @param truncated lines and records cut to their bounds, each with a marker in its text
 */
public record IntakeResult(
        int lines, int records, int faults, int breadcrumbs, int rejected, int truncated, List<Rejection> rejections) {

    /** Rejections named in full; the count covers the rest. */
    public static final int MAX_NAMED_REJECTIONS = 20;

    public IntakeResult {
        rejections = List.copyOf(rejections);
    }

    /** A refused line: its number in the batch (from 1) and why. */
    public record Rejection(int line, String reason) {}
}
