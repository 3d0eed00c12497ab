package io.autorecovery.tools;

import io.autorecovery.contracts.FaultClass;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;

/**
 * Realistic error records for every fault class, spread over several services: each service and
 * fault class pair is a distinct fault. The same seed always yields the same faults.
 */
public final class FaultCatalogue {

    static final List<String> SERVICES = List.of("checkout", "payments", "inventory", "accounts", "search", "shipping");
    static final List<String> TABLES = List.of("orders", "carts", "invoices", "customers", "stock", "sessions");
    static final List<String> UPSTREAMS =
            List.of("payments-api", "inventory-api", "pricing-api", "identity-api", "shipping-api", "search-api");
    static final List<String> SETTINGS = List.of(
            "client.base-url",
            "client.api-key-ref",
            "client.region",
            "client.timeout",
            "client.tenant",
            "client.queue");

    /** Faults are drawn from these classes: each has a runbook and a remediation recipe. */
    static final List<FaultClass> CLASSES = List.of(
            FaultClass.DB_TIMEOUT,
            FaultClass.DB_POOL_EXHAUSTED,
            FaultClass.SQL_SYNTAX,
            FaultClass.DEADLOCK,
            FaultClass.UPSTREAM_TIMEOUT,
            FaultClass.UPSTREAM_ERROR,
            FaultClass.RATE_LIMITED,
            FaultClass.NULL_REFERENCE,
            FaultClass.OUT_OF_MEMORY,
            FaultClass.DISK_FULL,
            FaultClass.CONFIG_MISSING,
            FaultClass.AUTH_FAILURE);

    private FaultCatalogue() {}

    /**
     * How many distinct faults the catalogue holds: one per service and fault class. The component a
     * fault names (a table, an upstream) varies from one occurrence to the next, as it does in
     * production, and a detector rightly groups such occurrences as one fault.
     */
    public static int size() {
        return SERVICES.size() * CLASSES.size();
    }

    /** {@code count} faults, all distinct while {@code count <= size()}, chosen and filled in from the seed. */
    public static List<SyntheticFault> draw(int count, long seed) {
        Random random = new Random(seed);
        List<int[]> combinations = new ArrayList<>();
        for (int service = 0; service < SERVICES.size(); service++) {
            for (int faultClass = 0; faultClass < CLASSES.size(); faultClass++) {
                combinations.add(new int[] {service, faultClass});
            }
        }
        Collections.shuffle(combinations, random);

        List<SyntheticFault> faults = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            int[] pick = combinations.get(i % combinations.size());
            faults.add(fault(SERVICES.get(pick[0]), CLASSES.get(pick[1]), random.nextInt(TABLES.size()), random));
        }
        return faults;
    }

    static SyntheticFault fault(String service, FaultClass faultClass, int variant, Random random) {
        String table = TABLES.get(variant);
        String upstream = UPSTREAMS.get(variant);
        int id = 10_000 + random.nextInt(90_000);
        int millis = 1_000 + random.nextInt(29_000);
        String logger = "com.shop." + service + "." + capitalised(table) + "Handler";
        List<String> breadcrumbs =
                List.of("Handling request " + id + " for " + table, "Calling " + upstream + " for " + table + " " + id);
        String trace = StackTraces.of(faultClass, service, table, upstream, variant);
        return switch (faultClass) {
            case DB_TIMEOUT ->
                record(
                        service,
                        faultClass,
                        logger,
                        breadcrumbs,
                        "Query timeout: statement on table " + table + " exceeded " + millis + " ms",
                        trace);
            case DB_POOL_EXHAUSTED ->
                record(
                        service,
                        faultClass,
                        logger,
                        breadcrumbs,
                        "HikariPool-1 - Connection is not available, request timed out after " + millis + "ms (pool "
                                + table + "-db)",
                        trace);
            case SQL_SYNTAX ->
                record(
                        service,
                        faultClass,
                        logger,
                        breadcrumbs,
                        "SQLSyntaxErrorException: You have an error in your SQL syntax near 'WHERE id = " + id
                                + "' in the " + table + " lookup",
                        trace);
            case DEADLOCK ->
                record(
                        service,
                        faultClass,
                        logger,
                        breadcrumbs,
                        "Deadlock found when trying to get lock on table " + table + "; try restarting transaction",
                        trace);
            case UPSTREAM_TIMEOUT ->
                record(
                        service,
                        faultClass,
                        logger,
                        breadcrumbs,
                        "Read timed out calling " + upstream + " for " + table + " after " + millis + " ms",
                        trace);
            case UPSTREAM_ERROR ->
                record(
                        service,
                        faultClass,
                        logger,
                        breadcrumbs,
                        "Upstream " + upstream + " answered 503 Service Unavailable for " + table + " " + id,
                        trace);
            case RATE_LIMITED ->
                record(
                        service,
                        faultClass,
                        logger,
                        breadcrumbs,
                        upstream + " returned 429 Too Many Requests for " + table + "; retry after "
                                + (1 + random.nextInt(60)) + " s",
                        trace);
            case NULL_REFERENCE ->
                record(
                        service,
                        faultClass,
                        logger,
                        breadcrumbs,
                        "java.lang.NullPointerException: Cannot invoke \"" + capitalised(table)
                                + ".getOwner()\" because \"" + table + "\" is null while handling " + table,
                        trace);
            case OUT_OF_MEMORY ->
                record(
                        service,
                        faultClass,
                        logger,
                        breadcrumbs,
                        "java.lang.OutOfMemoryError: Java heap space while building the " + table + " report",
                        trace);
            case DISK_FULL ->
                record(
                        service,
                        faultClass,
                        logger,
                        breadcrumbs,
                        "java.io.IOException: No space left on device while writing the " + table + " spool file",
                        trace);
            case CONFIG_MISSING ->
                record(
                        service,
                        faultClass,
                        logger,
                        breadcrumbs,
                        "Required configuration property " + SETTINGS.get(variant) + " is missing for the " + upstream
                                + " client",
                        trace);
            case AUTH_FAILURE ->
                record(
                        service,
                        faultClass,
                        logger,
                        breadcrumbs,
                        "Authentication failed for " + upstream + ": 401 Unauthorized while reading " + table,
                        trace);
            default -> throw new IllegalArgumentException("no synthetic fault for " + faultClass);
        };
    }

    private static SyntheticFault record(
            String service,
            FaultClass faultClass,
            String logger,
            List<String> breadcrumbs,
            String message,
            String stackTrace) {
        return new SyntheticFault(service, faultClass, logger, message, stackTrace, breadcrumbs);
    }

    private static String capitalised(String word) {
        return Character.toUpperCase(word.charAt(0)) + word.substring(1);
    }
}
