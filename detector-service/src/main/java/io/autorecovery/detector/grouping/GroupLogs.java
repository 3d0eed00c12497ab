package io.autorecovery.detector.grouping;

import io.autorecovery.detector.template.LogTemplate;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Groups the lines of a log file by template and writes {@code LineId,Template} as CSV to
 * standard output, one row per input line, in input order. Usage: {@code GroupLogs FILE}.
 */
public final class GroupLogs {

    private GroupLogs() {}

    public static void main(String[] args) throws IOException {
        if (args.length != 1) {
            System.err.println("usage: GroupLogs FILE   (a plain log file or a Loghub structured CSV)");
            System.exit(2);
        }
        Path file = Path.of(args[0]);
        if (!Files.isReadable(file)) {
            System.err.println("error: cannot read " + file);
            System.exit(1);
        }
        List<LabelledLine> lines = LogFile.read(file);
        List<LogTemplate> templates =
                LineGrouper.group(lines.stream().map(LabelledLine::content).toList());

        BufferedWriter out = new BufferedWriter(new OutputStreamWriter(System.out, StandardCharsets.UTF_8));
        out.write("LineId,Template\n");
        for (int i = 0; i < lines.size(); i++) {
            out.write(CsvRows.quote(lines.get(i).lineId())
                    + ','
                    + CsvRows.quote(templates.get(i).text())
                    + '\n');
        }
        out.flush();
    }
}
