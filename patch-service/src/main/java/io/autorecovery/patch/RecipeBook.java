package io.autorecovery.patch;

import io.autorecovery.contracts.FaultClass;
import java.util.EnumMap;
import java.util.Map;
import java.util.Optional;

/**
 * The remediation recipes that ship with the service, one per fault class that a configuration
 * change can mitigate. Fault classes without a recipe get no automatic patch.
 */
public final class RecipeBook {

    private static final String CONFIG = "config/application.properties";

    private static final Map<FaultClass, Recipe> RECIPES = new EnumMap<>(Map.ofEntries(
            recipe(
                    FaultClass.DB_TIMEOUT,
                    "db.statement-timeout-ms",
                    "5000",
                    "15000",
                    "Give database statements more time while the slow query is fixed"),
            recipe(FaultClass.DB_POOL_EXHAUSTED, "db.pool.max-size", "10", "20", "Double the database connection pool"),
            recipe(
                    FaultClass.SQL_SYNTAX,
                    "feature.new-query-path.enabled",
                    "true",
                    "false",
                    "Switch off the query path that sends malformed SQL"),
            recipe(
                    FaultClass.DEADLOCK,
                    "db.retry.deadlock-attempts",
                    "0",
                    "3",
                    "Retry transactions chosen as deadlock victims"),
            recipe(
                    FaultClass.UPSTREAM_TIMEOUT,
                    "upstream.timeout-ms",
                    "1000",
                    "3000",
                    "Wait longer for the slow upstream, within the caller's budget"),
            recipe(
                    FaultClass.UPSTREAM_ERROR,
                    "upstream.circuit-breaker.enabled",
                    "false",
                    "true",
                    "Open a circuit breaker in front of the failing upstream"),
            recipe(
                    FaultClass.RATE_LIMITED,
                    "upstream.max-requests-per-second",
                    "50",
                    "20",
                    "Throttle calls below the upstream's quota"),
            recipe(
                    FaultClass.NULL_REFERENCE,
                    "feature.optional-fields.strict",
                    "true",
                    "false",
                    "Treat absent optional fields as empty instead of failing"),
            recipe(
                    FaultClass.OUT_OF_MEMORY,
                    "cache.max-entries",
                    "100000",
                    "20000",
                    "Bound the in-memory cache that fills the heap"),
            recipe(
                    FaultClass.DISK_FULL,
                    "logging.file.max-history-days",
                    "30",
                    "7",
                    "Keep fewer days of log files on the volume"),
            recipe(
                    FaultClass.CONFIG_MISSING,
                    "config.fail-on-missing",
                    "false",
                    "true",
                    "Fail at startup on missing settings instead of at request time"),
            recipe(
                    FaultClass.AUTH_FAILURE,
                    "auth.token-refresh-before-expiry-s",
                    "0",
                    "60",
                    "Refresh credentials a minute before they expire")));

    private RecipeBook() {}

    public static Optional<Recipe> forFaultClass(FaultClass faultClass) {
        return Optional.ofNullable(RECIPES.get(faultClass));
    }

    private static Map.Entry<FaultClass, Recipe> recipe(
            FaultClass faultClass, String setting, String before, String after, String summary) {
        return Map.entry(faultClass, new Recipe(CONFIG, setting, before, after, summary));
    }
}
