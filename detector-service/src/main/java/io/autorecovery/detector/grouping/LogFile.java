package io.autorecovery.detector.grouping;

import java.io.IOException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads the lines to group from a plain log file (one message per line, numbered from 1) or from
 * a Loghub structured CSV, recognised by a header that starts with {@code LineId,} and has a
 * {@code Content} column; its {@code EventId} column, when present, is the ground truth.
 */
public final class LogFile {

    private LogFile() {}

    public static List<LabelledLine> read(Path file) throws IOException {
        String text = decode(Files.readAllBytes(file));

        return parse(text);
    }

    static List<LabelledLine> parse(String text) {
        if (text.startsWith("\uFEFF")) {
            text = text.substring(1);
        }
        if (text.startsWith("LineId,")) {
            List<List<String>> rows = CsvRows.parse(text);
            if (rows.get(0).contains("Content")) {
                return fromCsv(rows);
            }
        }

        return fromPlainText(text);
    }

    private static String decode(byte[] bytes) throws IOException {
        // Malformed bytes become U+FFFD rather than ending the run.
        var decoder = StandardCharsets.UTF_8
                .newDecoder()
                .onMalformedInput(CodingErrorAction.REPLACE)
                .onUnmappableCharacter(CodingErrorAction.REPLACE);

        return decoder.decode(java.nio.ByteBuffer.wrap(bytes)).toString();
    }

    private static List<LabelledLine> fromCsv(List<List<String>> rows) {
        List<String> header = rows.get(0);
        int id = header.indexOf("LineId");
        int content = header.indexOf("Content");
        int event = header.indexOf("EventId");
        List<LabelledLine> lines = new ArrayList<>(rows.size());
        for (List<String> row : rows.subList(1, rows.size())) {
            if (row.size() == 1 && row.get(0).isEmpty()) {
                continue;
            }
            lines.add(new LabelledLine(field(row, id), field(row, content), event < 0 ? null : field(row, event)));
        }

        return lines;
    }

    private static String field(List<String> row, int index) {
        return index < row.size() ? row.get(index) : "";
    }

    private static List<LabelledLine> fromPlainText(String text) {
        List<LabelledLine> lines = new ArrayList<>();
        int number = 0;
        int start = 0;
        while (start < text.length()) {
            int end = text.indexOf('\n', start);
            int next = end < 0 ? text.length() : end + 1;
            end = end < 0 ? text.length() : end;
            if (end > start && text.charAt(end - 1) == '\r') {
                end--;
            }
            lines.add(new LabelledLine(Integer.toString(++number), text.substring(start, end), null));
            start = next;
        }

        return lines;
    }
}
