package io.autorecovery.detector.source;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.autorecovery.detector.DetectorUnavailableException;
import io.autorecovery.detector.source.RecordingSink.Delivery;
import io.autorecovery.detector.support.InMemoryChannels;
import io.quarkus.redis.datasource.RedisDataSource;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Tailing a real file, with its offset in the real Redis. */
@QuarkusTest
@WithTestResource(value = InMemoryChannels.class, scope = TestResourceScope.MATCHING_RESOURCES)
class FileTailTest {

    @Inject
    FileOffsetStore offsets;

    @Inject
    RedisDataSource redis;

    private final RecordingSink sink = new RecordingSink();
    private final List<FileTail> tails = new ArrayList<>();
    private Path dir;
    private Path log;

    @BeforeEach
    void createFile() throws IOException {
        dir = Files.createTempDirectory("file-tail");
        log = dir.resolve("checkout.log");
    }

    @AfterEach
    void cleanUp() throws IOException {
        for (FileTail tail : tails) {
            tail.close();
        }
        redis.key().del(FileOffsetStore.key(log));
        try (var files = Files.walk(dir)) {
            for (Path file : files.sorted((a, b) -> b.compareTo(a)).toList()) {
                Files.delete(file);
            }
        }
    }

    @Test
    void shouldFollowAppendsAndWaitForTheEndOfAnUnfinishedLine() throws IOException {
        append("INFO started\nERROR Query timed out after 5000 ms\r\n\tat org.postgresql.Driver.connect");
        FileTail tail = tail(1000);

        assertThat(tail.poll()).isEqualTo(2);
        append("(Driver.java:42)\n");
        assertThat(tail.poll()).isEqualTo(1);
        assertThat(tail.poll()).isZero();

        assertThat(sink.deliveries())
                .containsExactly(
                        new Delivery("checkout", List.of("INFO started", "ERROR Query timed out after 5000 ms")),
                        new Delivery("checkout", List.of("\tat org.postgresql.Driver.connect(Driver.java:42)")));
    }

    @Test
    void shouldResumeAfterARestartWithoutSkippingOrRepeatingLines() throws IOException {
        append("line 1\nline 2\n");
        tail(1000).poll();
        sink.takeDeliveries();
        append("line 3\n");

        FileTail restarted = tail(1000);
        assertThat(restarted.poll()).isEqualTo(1);
        append("line 4\n");
        assertThat(restarted.poll()).isEqualTo(1);

        assertThat(sink.deliveries())
                .containsExactly(
                        new Delivery("checkout", List.of("line 3")), new Delivery("checkout", List.of("line 4")));
    }

    @Test
    void shouldFinishARotatedFileThenReadTheNewOneFromItsStart() throws IOException {
        append("before 1\n");
        FileTail tail = tail(1000);
        tail.poll();
        append("before 2\n");
        Files.move(log, dir.resolve("checkout.log.1"));
        append("after 1\n");

        assertThat(tail.poll()).isEqualTo(2);

        assertThat(sink.deliveries())
                .containsExactly(
                        new Delivery("checkout", List.of("before 1")),
                        new Delivery("checkout", List.of("before 2")),
                        new Delivery("checkout", List.of("after 1")));
        assertThat(offsets.load(log).orElseThrow().offset()).isEqualTo("after 1\n".length());
    }

    @Test
    void shouldReadATruncatedFileAgainFromItsStart() throws IOException {
        append("a long first line before truncation\n");
        FileTail tail = tail(1000);
        tail.poll();
        Files.writeString(log, "fresh\n", StandardOpenOption.TRUNCATE_EXISTING);

        assertThat(tail.poll()).isEqualTo(1);

        assertThat(sink.deliveries()).last().isEqualTo(new Delivery("checkout", List.of("fresh")));
    }

    @Test
    void shouldCutAnOverlongLineWithAVisibleMarker() throws IOException {
        String longLine = "ERROR " + "x".repeat(5000);
        append(longLine + "\nINFO next\n");
        FileTail tail = tail(256);

        tail.poll();

        String marker = "… [truncated from 5006 bytes]";
        assertThat(sink.deliveries())
                .containsExactly(new Delivery(
                        "checkout", List.of(longLine.substring(0, 256 - marker.length()) + marker, "INFO next")));
    }

    @Test
    void shouldKeepTheOffsetWhenTheDetectorIsUnavailable() throws IOException {
        append("ERROR first\n");
        FileTail tail = tail(1000);
        sink.failFor(null, 1);

        assertThatThrownBy(tail::poll).isInstanceOf(DetectorUnavailableException.class);
        assertThat(tail.poll()).isEqualTo(1);

        assertThat(sink.deliveries()).containsExactly(new Delivery("checkout", List.of("ERROR first")));
    }

    @Test
    void shouldNameTheServiceAfterTheFileUnlessTheEntryNamesOne() {
        assertThat(FileSource.serviceOf(Path.of("/var/log/payments.2026-12-03.log")))
                .isEqualTo("payments");
        assertThat(SourceEntry.parse("/var/log/app.log=orders"))
                .isEqualTo(new SourceEntry("/var/log/app.log", java.util.Optional.of("orders")));
        assertThatThrownBy(() -> SourceEntry.parse("/var/log/app.log=two words"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("source '/var/log/app.log=two words': service must not contain whitespace or control"
                        + " characters");
    }

    private FileTail tail(int maxLineLength) {
        FileTail tail = FileSource.tail(SourceEntry.parse(log.toString()), offsets, sink, maxLineLength);
        tails.add(tail);
        return tail;
    }

    private void append(String text) throws IOException {
        Files.writeString(log, text, StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
    }
}
