package io.autorecovery.detector.source;

import io.autorecovery.detector.DetectorUnavailableException;
import io.autorecovery.detector.FaultSignal;
import io.autorecovery.detector.config.DetectorConfig;
import io.quarkus.logging.Log;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Tails the files listed in {@code detector.files} on one thread, every poll interval. Each
 * entry is {@code path} or {@code path=service}; without a service, the file's name before its
 * first dot names it ({@code /var/log/checkout.log} belongs to {@code checkout}).
 */
@ApplicationScoped
public class FileSource {

    private final DetectorConfig config;
    private final FileOffsetStore offsets;
    private final LineSink sink;
    private ScheduledExecutorService scheduler;
    private List<FileTail> tails = List.of();

    FileSource(DetectorConfig config, FileOffsetStore offsets, LineSink sink) {
        this.config = config;
        this.offsets = offsets;
        this.sink = sink;
    }

    void start(@Observes StartupEvent started) {
        List<String> files = config.files().orElse(List.of());
        if (files.isEmpty()) {
            return;
        }
        int maxLineLength = config.fileTail().maxLineLength();
        tails = files.stream()
                .map(SourceEntry::parse)
                .map(entry -> tail(entry, offsets, sink, maxLineLength))
                .toList();
        scheduler = Executors.newSingleThreadScheduledExecutor(task -> new Thread(task, "file-source"));
        long every = config.fileTail().pollInterval().toMillis();
        scheduler.scheduleWithFixedDelay(this::pollAll, 0, every, TimeUnit.MILLISECONDS);
        Log.infof(
                "File source started: tailing %s",
                tails.stream().map(FileTail::path).toList());
    }

    void stop(@Observes ShutdownEvent stopping) throws IOException {
        if (scheduler == null) {
            return;
        }
        scheduler.shutdownNow();
        scheduler = null;
        for (FileTail tail : tails) {
            tail.close();
        }
        Log.info("File source stopped");
    }

    static FileTail tail(SourceEntry entry, FileOffsetStore offsets, LineSink sink, int maxLineLength) {
        Path path = Path.of(entry.name());
        String service = entry.service().orElseGet(() -> serviceOf(path));

        return new FileTail(path, service, offsets, sink, maxLineLength);
    }

    /** The file's name up to its first dot, when that is a valid service name. */
    static String serviceOf(Path path) {
        String name = path.getFileName() == null ? "" : path.getFileName().toString();
        int dot = name.indexOf('.');
        String service = dot > 0 ? name.substring(0, dot) : name;

        return FaultSignal.serviceNameProblem(service).isEmpty() ? service : "unknown";
    }

    private void pollAll() {
        for (FileTail tail : tails) {
            try {
                int lines = tail.poll();
                Log.debugf("File %s: %d new lines", tail.path(), lines);
            } catch (DetectorUnavailableException e) {
                Log.warnf("File %s kept at its offset: %s", tail.path(), e.getMessage());
            } catch (IOException | RuntimeException e) {
                Log.warnf("File %s not read this time: %s", tail.path(), e.getMessage());
            }
        }
    }
}
