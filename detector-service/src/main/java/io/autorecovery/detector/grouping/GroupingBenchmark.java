package io.autorecovery.detector.grouping;

import io.autorecovery.detector.template.LogTokenizer;
import io.autorecovery.detector.template.TemplateTree;
import java.io.IOException;
import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Measures the template miner on the Loghub-2k samples: grouping accuracy per system beside
 * Drain's published figure, and throughput in lines per second on one thread. Usage: {@code
 * GroupingBenchmark DIR}, where DIR holds {@code <System>/<System>_2k.log_structured.csv}.
 */
public final class GroupingBenchmark {

    /**
     * Drain's grouping accuracy on Loghub-2k, as published in "Tools and Benchmarks for Automated
     * Log Parsing" (Zhu et al., ICSE-SEIP 2019) and the logpai/logparser benchmark.
     */
    public static final Map<String, Double> DRAIN = drainFigures();

    private static final long WARM_UP_NANOS = 400_000_000L;
    private static final long MEASURE_NANOS = 1_000_000_000L;

    private GroupingBenchmark() {}

    public static void main(String[] args) throws IOException {
        if (args.length != 1) {
            System.err.println("usage: GroupingBenchmark LOGHUB_2K_DIR");
            System.exit(2);
        }
        Path dir = Path.of(args[0]);
        if (!Files.isDirectory(dir)) {
            System.out.println("skipped: " + dir + " is absent (the Loghub-2k samples are read from there)");
            return;
        }
        run(dir, System.out);
    }

    static void run(Path dir, PrintStream out) throws IOException {
        out.printf(
                "%-10s %7s %7s %7s %10s %14s %14s%n",
                "system", "lines", "GA", "Drain", "templates", "lines/s (cpu)", "lines/s (wall)");
        double sumGa = 0;
        double sumDrain = 0;
        int systems = 0;
        long allLines = 0;
        double allCpuNanos = 0;
        double allWallNanos = 0;
        warmUp(dir);
        for (Map.Entry<String, Double> system : DRAIN.entrySet()) {
            Path csv = csvOf(dir, system.getKey());
            if (!Files.isReadable(csv)) {
                out.printf("%-10s skipped: %s is absent%n", system.getKey(), csv);
                continue;
            }
            List<LabelledLine> lines = LogFile.read(csv);
            List<String> contents = lines.stream().map(LabelledLine::content).toList();
            List<String> truth = lines.stream().map(LabelledLine::eventId).toList();
            List<String> groups = LineGrouper.groupIds(contents);
            double ga = GroupingAccuracy.of(truth, groups);
            Throughput speed = throughput(contents);
            out.printf(
                    Locale.ROOT,
                    "%-10s %7d %7.3f %7.3f %10d %,14.0f %,14.0f%n",
                    system.getKey(),
                    lines.size(),
                    ga,
                    system.getValue(),
                    groups.stream().distinct().count(),
                    speed.linesPerCpuSecond(),
                    speed.linesPerWallSecond());
            sumGa += ga;
            sumDrain += system.getValue();
            systems++;
            allLines += speed.lines();
            allCpuNanos += speed.cpuNanos();
            allWallNanos += speed.wallNanos();
        }
        if (systems > 0) {
            out.printf(
                    Locale.ROOT,
                    "%-10s %7s %7.3f %7.3f %10s %,14.0f %,14.0f%n",
                    "mean",
                    "",
                    sumGa / systems,
                    sumDrain / systems,
                    "",
                    allLines / (allCpuNanos / 1e9),
                    allLines / (allWallNanos / 1e9));
        }
        out.println("GA: a line is correct when its group equals its ground-truth event's lines exactly.");
        out.println("Drain: published GA, Zhu et al., \"Tools and Benchmarks for Automated Log Parsing\",");
        out.println("       ICSE-SEIP 2019 (logpai/logparser). Data: Loghub, https://github.com/logpai/loghub");
        out.println("lines/s: tokenizing, masking and mining on one thread, a fresh miner per pass, warmed up;");
        out.println("         (cpu) per second of that thread's CPU time, i.e. on one core whatever else runs,");
        out.println("         (wall) per second of elapsed time, lower when other processes share the cores.");
    }

    private static Path csvOf(Path dir, String system) {
        return dir.resolve(system).resolve(system + "_2k.log_structured.csv");
    }

    /** Runs the miner over every system once, so the first system measured finds the code compiled. */
    private static void warmUp(Path dir) throws IOException {
        for (String system : DRAIN.keySet()) {
            Path csv = csvOf(dir, system);
            if (Files.isReadable(csv)) {
                String[] lines =
                        LogFile.read(csv).stream().map(LabelledLine::content).toArray(String[]::new);
                long until = System.nanoTime() + WARM_UP_NANOS / 2;
                while (System.nanoTime() < until) {
                    pass(lines);
                }
            }
        }
    }

    private record Throughput(long lines, long cpuNanos, long wallNanos) {
        double linesPerCpuSecond() {
            return lines / (cpuNanos / 1e9);
        }

        double linesPerWallSecond() {
            return lines / (wallNanos / 1e9);
        }
    }

    private static Throughput throughput(List<String> contents) {
        String[] lines = contents.toArray(String[]::new);
        long until = System.nanoTime() + WARM_UP_NANOS;
        while (System.nanoTime() < until) {
            pass(lines);
        }
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        boolean cpuTime = threads.isCurrentThreadCpuTimeSupported();
        long count = 0;
        long startCpu = cpuTime ? threads.getCurrentThreadCpuTime() : 0;
        long start = System.nanoTime();
        long now = start;
        while (now - start < MEASURE_NANOS) {
            count += pass(lines);
            now = System.nanoTime();
        }
        long cpuNanos = cpuTime ? threads.getCurrentThreadCpuTime() - startCpu : now - start;

        return new Throughput(count, cpuNanos, now - start);
    }

    private static int pass(String[] lines) {
        TemplateTree tree = new TemplateTree(LineGrouper.CAPACITY);
        int sink = 0;
        for (String line : lines) {
            sink += tree.add(LogTokenizer.tokenize(line).tokens()).template().tokens().length;
        }

        return sink >= 0 ? lines.length : 0;
    }

    private static Map<String, Double> drainFigures() {
        Map<String, Double> figures = new LinkedHashMap<>();
        figures.put("Android", 0.911);
        figures.put("Apache", 1.000);
        figures.put("BGL", 0.963);
        figures.put("Hadoop", 0.948);
        figures.put("HDFS", 0.998);
        figures.put("HealthApp", 0.780);
        figures.put("OpenSSH", 0.788);
        figures.put("OpenStack", 0.733);
        figures.put("Spark", 0.920);
        figures.put("Windows", 0.997);

        return java.util.Collections.unmodifiableMap(figures);
    }
}
