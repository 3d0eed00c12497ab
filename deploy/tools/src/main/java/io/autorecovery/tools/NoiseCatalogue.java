package io.autorecovery.tools;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * The ordinary lines services log while nothing is wrong: requests served, cache and job
 * reports at INFO and DEBUG, and the odd slow call at WARN, spread over every service. The same
 * seed yields the same lines.
 */
public final class NoiseCatalogue {

    /** Levels of noise lines: none of them is a fault. */
    static final List<String> LEVELS = List.of("INFO", "DEBUG", "WARN");

    private static final long SALT = 0x6e6f697365L;

    private NoiseCatalogue() {}

    public static List<NoiseLine> draw(int count, long seed) {
        Random random = new Random(seed ^ SALT);
        List<NoiseLine> lines = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            lines.add(line(random));
        }

        return lines;
    }

    private static NoiseLine line(Random random) {
        String service = pick(FaultCatalogue.SERVICES, random);
        String table = pick(FaultCatalogue.TABLES, random);
        String upstream = pick(FaultCatalogue.UPSTREAMS, random);
        int id = 10_000 + random.nextInt(90_000);
        int millis = 2 + random.nextInt(400);
        int roll = random.nextInt(100);
        String level = roll < 70 ? "INFO" : roll < 90 ? "DEBUG" : "WARN";
        String logger = "com.shop." + service + "." + StackTraces.capitalised(table) + "Handler";

        return new NoiseLine(service, level, logger, message(level, table, upstream, id, millis, random));
    }

    private static String message(String level, String table, String upstream, int id, int millis, Random random) {
        return switch (level) {
            case "INFO" ->
                switch (random.nextInt(4)) {
                    case 0 -> "GET /api/" + table + "/" + id + " 200 " + millis + " ms";
                    case 1 -> "Handled request " + id + " for " + table + " in " + millis + " ms";
                    case 2 -> "Published " + (1 + random.nextInt(50)) + " events for " + table;
                    default -> "Scheduled job " + table + "-cleanup finished in " + millis + " ms";
                };
            case "DEBUG" ->
                switch (random.nextInt(3)) {
                    case 0 -> "Loaded " + table + " " + id + " from cache";
                    case 1 -> "Cache hit ratio for " + table + " is " + (50 + random.nextInt(50)) + "%";
                    default -> "Sending request " + id + " to " + upstream;
                };
            default ->
                switch (random.nextInt(3)) {
                    case 0 -> "Slow query on " + table + " took " + (500 + millis) + " ms";
                    case 1 -> "Retrying call to " + upstream + " (attempt 2 of 3)";
                    default -> "Response from " + upstream + " took " + (800 + millis) + " ms, above its 500 ms target";
                };
        };
    }

    private static <T> T pick(List<T> items, Random random) {
        return items.get(random.nextInt(items.size()));
    }
}
