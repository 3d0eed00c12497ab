package io.autorecovery.tools;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;

/** Command-line entry of the mesh's tools; {@code ./run} calls it. */
public final class MeshTools {

    static final String USAGE = """
            usage: mesh-tools faults --count N [--rate R] [--noise R] [--seed S] [--bootstrap-servers HOST:PORT]
              --count N              faults to send, 1 to 100000
              --rate R               faults per second, default 10
              --noise R              ordinary INFO, DEBUG and WARN lines per fault, mixed in, 0 to 1000, default 0
              --seed S               makes the faults reproducible; a random seed is chosen and printed otherwise
              --bootstrap-servers    Kafka brokers, default 127.0.0.1:9092
            """;

    private MeshTools() {}

    public static void main(String[] args) {
        System.exit(run(args, System.out, System.err));
    }

    static int run(String[] args, PrintStream out, PrintStream err) {
        if (args.length > 0 && args[0].equals("bench-detector")) {
            return benchDetector(List.of(args).subList(1, args.length), out, err);
        }
        if (args.length == 0 || !args[0].equals("faults")) {
            err.print(USAGE);
            return 2;
        }
        FaultsCommand command;
        try {
            command = FaultsCommand.parse(List.of(args).subList(1, args.length));
        } catch (IllegalArgumentException e) {
            err.println("mesh-tools: " + e.getMessage());
            err.print(USAGE);
            return 2;
        }
        try {
            command.execute(out);
            return 0;
        } catch (RuntimeException e) {
            err.println("mesh-tools: could not send faults to " + command.bootstrapServers() + ": " + e.getMessage());
            return 1;
        }
    }

    /**
     * {@code bench-detector BOOTSTRAP DETECTOR_JAR REDIS_URL RECORDS LOG_FILE [JVM_OPTIONS]}: the
     * detector's rate through Kafka beside the broker's raw rate; {@code ./run bench detector-kafka}
     * calls it. JVM_OPTIONS (one argument, options separated by spaces) start the detector.
     */
    static int benchDetector(List<String> args, PrintStream out, PrintStream err) {
        if (args.size() != 5 && args.size() != 6) {
            err.println("usage: mesh-tools bench-detector BOOTSTRAP DETECTOR_JAR REDIS_URL RECORDS LOG_FILE"
                    + " [JVM_OPTIONS]");
            return 2;
        }
        try {
            int records = Integer.parseInt(args.get(3));
            String jvmOptions = args.size() == 6 ? args.get(5) : "";
            new DetectorBenchmark(args.get(0), Path.of(args.get(1)), args.get(2), records, jvmOptions)
                    .run(out, Path.of(args.get(4)));
            return 0;
        } catch (Exception e) {
            err.println("mesh-tools: bench-detector failed: " + e.getMessage());
            return 1;
        }
    }

    /** {@code faults}: synthetic production faults onto {@code logs.raw}. */
    record FaultsCommand(int count, double rate, double noise, long seed, String bootstrapServers) {

        /** Noise lines one run may send: they are held in memory until the broker acknowledges them. */
        static final int MAX_NOISE_LINES = 1_000_000;

        static FaultsCommand parse(List<String> args) {
            Map<String, String> options = options(args);
            int count = integer(options, "--count", null, 1, 100_000);
            double rate = decimal(options, "--rate", 10.0);
            double noise = noise(options.get("--noise"));
            if (count * noise > MAX_NOISE_LINES) {
                throw new IllegalArgumentException(
                        "--count times --noise must be at most " + MAX_NOISE_LINES + ", was " + (long) (count * noise));
            }
            long seed = options.containsKey("--seed")
                    ? longValue(options.get("--seed"), "--seed")
                    : ThreadLocalRandom.current().nextLong(1, 1_000_000_000L);
            String servers = options.getOrDefault("--bootstrap-servers", "127.0.0.1:9092");
            return new FaultsCommand(count, rate, noise, seed, servers);
        }

        void execute(PrintStream out) {
            List<SyntheticFault> faults = FaultCatalogue.draw(count, seed);
            List<NoiseLine> noiseLines = NoiseCatalogue.draw((int) Math.floor(count * noise), seed);
            out.printf(
                    Locale.ROOT,
                    "sending %d faults to logs.raw on %s at %.1f per second (seed %d)%n",
                    count,
                    bootstrapServers,
                    rate,
                    seed);
            List<Integer> sent = new ArrayList<>(List.of(0));
            long start = System.nanoTime();
            int records;
            try (FaultSender sender = new FaultSender(bootstrapServers)) {
                records = sender.send(faults, noiseLines, rate, fault -> {
                    sent.set(0, sent.get(0) + 1);
                    out.printf(
                            Locale.ROOT,
                            "  %4d  %-10s %-18s %s%n",
                            sent.get(0),
                            fault.service(),
                            fault.faultClass().code(),
                            fault.message());
                });
            }
            double seconds = (System.nanoTime() - start) / 1e9;
            out.printf(
                    Locale.ROOT,
                    "sent %d faults (%d distinct) as %d log records, %d of them noise, in %.1f s; seed %d%n",
                    count,
                    Math.min(count, FaultCatalogue.size()),
                    records,
                    noiseLines.size(),
                    seconds,
                    seed);
        }

        private static Map<String, String> options(List<String> args) {
            Map<String, String> options = new HashMap<>();
            for (int i = 0; i < args.size(); i++) {
                String name = args.get(i);
                if (!List.of("--count", "--rate", "--noise", "--seed", "--bootstrap-servers")
                        .contains(name)) {
                    throw new IllegalArgumentException("unknown option " + name);
                }
                if (i + 1 >= args.size()) {
                    throw new IllegalArgumentException(name + " needs a value");
                }
                options.put(name, args.get(++i));
            }
            return options;
        }

        private static int integer(Map<String, String> options, String name, Integer fallback, int min, int max) {
            String value = options.get(name);
            if (value == null) {
                if (fallback == null) {
                    throw new IllegalArgumentException(name + " is required");
                }
                return fallback;
            }
            long parsed = longValue(value, name);
            if (parsed < min || parsed > max) {
                throw new IllegalArgumentException(name + " must be between " + min + " and " + max + ", was " + value);
            }
            return (int) parsed;
        }

        private static double decimal(Map<String, String> options, String name, double fallback) {
            String value = options.get(name);
            if (value == null) {
                return fallback;
            }
            try {
                double parsed = Double.parseDouble(value);
                if (!(parsed > 0 && parsed <= 100_000)) {
                    throw new IllegalArgumentException(name + " must be above 0 and at most 100000, was " + value);
                }
                return parsed;
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException(name + " must be a number, was " + value);
            }
        }

        private static double noise(String value) {
            if (value == null) {
                return 0;
            }
            try {
                double parsed = Double.parseDouble(value);
                if (!(parsed >= 0 && parsed <= 1000)) {
                    throw new IllegalArgumentException("--noise must be between 0 and 1000, was " + value);
                }
                return parsed;
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("--noise must be a number, was " + value);
            }
        }

        private static long longValue(String value, String name) {
            try {
                return Long.parseLong(value);
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException(name + " must be a whole number, was " + value);
            }
        }
    }
}
