package io.autorecovery.detector.grouping;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LogFileTest {

    @TempDir
    Path dir;

    @Test
    void shouldReadTheContentAndEventColumnsOfAStructuredCsv() throws Exception {
        Path csv = dir.resolve("S_2k.log_structured.csv");
        Files.writeString(
                csv,
                "LineId,Level,Content,EventId,EventTemplate\r\n"
                        + "1,INFO,\"acquire lock=1, tag=\"\"View Lock\"\"\",E1,x\r\n"
                        + "2,WARN,plain text,E2,y\r\n");

        assertThat(LogFile.read(csv))
                .containsExactly(
                        new LabelledLine("1", "acquire lock=1, tag=\"View Lock\"", "E1"),
                        new LabelledLine("2", "plain text", "E2"));
    }

    @Test
    void shouldNumberTheLinesOfAPlainLogAndSurviveInvalidUtf8() throws Exception {
        Path log = dir.resolve("app.log");
        byte[] bad = {'o', 'k', '\n', (byte) 0xC3, (byte) 0x28, ' ', 'x', '\r', '\n', '\n', 'l', 'a', 's', 't'};
        Files.write(log, bad);

        List<LabelledLine> lines = LogFile.read(log);

        assertThat(lines)
                .containsExactly(
                        new LabelledLine("1", "ok", null),
                        new LabelledLine("2", "\uFFFD( x", null),
                        new LabelledLine("3", "", null),
                        new LabelledLine("4", "last", null));
    }

    @Test
    void shouldTakeACsvWithoutContentColumnAsPlainText() throws Exception {
        Path log = dir.resolve("other.csv");
        Files.write(log, "LineId,Message\n1,hello\n".getBytes(StandardCharsets.UTF_8));

        assertThat(LogFile.read(log))
                .containsExactly(new LabelledLine("1", "LineId,Message", null), new LabelledLine("2", "1,hello", null));
    }

    @Test
    void shouldQuoteCsvFieldsOnlyWhenNeeded() {
        assertThat(CsvRows.quote("a <*> b")).isEqualTo("a <*> b");
        assertThat(CsvRows.quote("a, \"b\"")).isEqualTo("\"a, \"\"b\"\"\"");
    }
}
