package io.autorecovery.tools;

import io.autorecovery.contracts.FaultClass;
import java.util.List;

/**
 * Java stack traces as a JVM service prints them for each kind of fault: the exception with its
 * message, the library frames it went through, the service's own frames, and a cause where the
 * real failure has one. Line numbers of the service's frames vary with the variant.
 */
final class StackTraces {

    private StackTraces() {}

    /** The trace of a fault of {@code service} touching {@code table} and {@code upstream}. */
    static String of(FaultClass faultClass, String service, String table, String upstream, int variant) {
        String app = "com.shop." + service;
        String entity = capitalised(table);
        List<String> handler = List.of(
                frame(app + "." + entity + "Handler", "handle", 41 + variant),
                frame(app + ".Router", "dispatch", 88),
                "io.vertx.core.impl.ContextImpl.lambda$executeBlocking$1(ContextImpl.java:191)",
                "io.vertx.core.impl.TaskQueue.run(TaskQueue.java:76)",
                "java.base/java.lang.Thread.run(Thread.java:840)");
        return switch (faultClass) {
            case DB_TIMEOUT ->
                trace(
                        "java.sql.SQLTimeoutException: ERROR: canceling statement due to statement timeout",
                        List.of(
                                "org.postgresql.core.v3.QueryExecutorImpl.receiveErrorResponse(QueryExecutorImpl.java:2725)",
                                "org.postgresql.core.v3.QueryExecutorImpl.processResults(QueryExecutorImpl.java:2412)",
                                "org.postgresql.jdbc.PgStatement.executeInternal(PgStatement.java:502)",
                                "org.postgresql.jdbc.PgPreparedStatement.executeQuery(PgPreparedStatement.java:134)",
                                frame(app + ".data." + entity + "Repository", "findOpen", 57 + variant)),
                        handler);
            case DB_POOL_EXHAUSTED ->
                trace(
                        "java.sql.SQLTransientConnectionException: HikariPool-1 - Connection is not available,"
                                + " request timed out after 30000ms",
                        List.of(
                                "com.zaxxer.hikari.pool.HikariPool.createTimeoutException(HikariPool.java:696)",
                                "com.zaxxer.hikari.pool.HikariPool.getConnection(HikariPool.java:181)",
                                "com.zaxxer.hikari.HikariDataSource.getConnection(HikariDataSource.java:100)",
                                frame(app + ".data." + entity + "Repository", "connect", 33 + variant)),
                        handler);
            case SQL_SYNTAX ->
                trace(
                        "java.sql.SQLSyntaxErrorException: You have an error in your SQL syntax; check the manual"
                                + " near 'WHERE id = ?' at line 1",
                        List.of(
                                "com.mysql.cj.jdbc.exceptions.SQLError.createSQLException(SQLError.java:121)",
                                "com.mysql.cj.jdbc.ClientPreparedStatement.executeInternal(ClientPreparedStatement.java:916)",
                                "com.mysql.cj.jdbc.ClientPreparedStatement.executeQuery(ClientPreparedStatement.java:972)",
                                frame(app + ".data." + entity + "Repository", "lookup", 71 + variant)),
                        handler);
            case DEADLOCK ->
                trace(
                                "org.hibernate.exception.LockAcquisitionException: could not execute statement",
                                List.of(
                                        "org.hibernate.exception.internal.SQLStateConversionDelegate.convert("
                                                + "SQLStateConversionDelegate.java:120)",
                                        "org.hibernate.engine.jdbc.spi.SqlExceptionHelper.convert("
                                                + "SqlExceptionHelper.java:58)",
                                        frame(app + ".data." + entity + "Repository", "reserve", 102 + variant)),
                                handler)
                        + cause(
                                "com.mysql.cj.jdbc.exceptions.MySQLTransactionRollbackException: Deadlock found when"
                                        + " trying to get lock; try restarting transaction",
                                List.of(
                                        "com.mysql.cj.jdbc.exceptions.SQLError.createSQLException(SQLError.java:123)",
                                        "com.mysql.cj.jdbc.ClientPreparedStatement.executeUpdate("
                                                + "ClientPreparedStatement.java:1061)",
                                        "org.hibernate.engine.jdbc.internal.ResultSetReturnImpl.executeUpdate("
                                                + "ResultSetReturnImpl.java:194)"),
                                handler.size() + 1);
            case UPSTREAM_TIMEOUT ->
                trace(
                        "java.net.http.HttpTimeoutException: request timed out",
                        List.of(
                                "java.net.http/jdk.internal.net.http.HttpClientImpl.send(HttpClientImpl.java:571)",
                                "java.net.http/jdk.internal.net.http.HttpClientFacade.send(HttpClientFacade.java:123)",
                                frame(app + ".client." + clientOf(upstream), "fetch", 64 + variant)),
                        handler);
            case UPSTREAM_ERROR ->
                trace(
                        app + ".client.UpstreamException: " + upstream + " answered 503 Service Unavailable",
                        List.of(
                                frame(app + ".client." + clientOf(upstream), "check", 97 + variant),
                                frame(app + ".client." + clientOf(upstream), "fetch", 66 + variant)),
                        handler);
            case RATE_LIMITED ->
                trace(
                        app + ".client.UpstreamException: " + upstream + " answered 429 Too Many Requests",
                        List.of(
                                frame(app + ".client." + clientOf(upstream), "check", 93 + variant),
                                frame(app + ".client." + clientOf(upstream), "fetch", 66 + variant)),
                        handler);
            case NULL_REFERENCE ->
                trace(
                        "java.lang.NullPointerException: Cannot invoke \"" + app + "." + entity
                                + ".getOwner()\" because \"" + table + "\" is null",
                        List.of(frame(app + "." + entity + "Handler", "ownerOf", 112 + variant)),
                        handler);
            case OUT_OF_MEMORY ->
                trace(
                        "java.lang.OutOfMemoryError: Java heap space",
                        List.of(
                                "java.base/java.util.Arrays.copyOf(Arrays.java:3512)",
                                "java.base/java.util.ArrayList.grow(ArrayList.java:237)",
                                "java.base/java.util.ArrayList.add(ArrayList.java:455)",
                                frame(app + ".reports." + entity + "Report", "build", 120 + variant)),
                        handler);
            case DISK_FULL ->
                trace(
                        "java.io.IOException: No space left on device",
                        List.of(
                                "java.base/java.io.FileOutputStream.writeBytes(Native Method)",
                                "java.base/java.io.FileOutputStream.write(FileOutputStream.java:349)",
                                "java.base/java.io.BufferedOutputStream.flush(BufferedOutputStream.java:142)",
                                frame(app + ".spool." + entity + "Spool", "append", 58 + variant)),
                        handler);
            case CONFIG_MISSING ->
                trace(
                        "java.util.NoSuchElementException: SRCFG00014: The config property " + upstream
                                + ".url is required but it could not be found in any config source",
                        List.of(
                                "io.smallrye.config.SmallRyeConfig.getValue(SmallRyeConfig.java:389)",
                                frame(app + ".client." + clientOf(upstream), "<init>", 29 + variant)),
                        handler);
            case AUTH_FAILURE ->
                trace(
                        app + ".client.UpstreamException: " + upstream + " answered 401 Unauthorized",
                        List.of(
                                frame(app + ".client." + clientOf(upstream), "check", 91 + variant),
                                frame(app + ".client." + clientOf(upstream), "fetch", 66 + variant)),
                        handler);
            default -> throw new IllegalArgumentException("no stack trace for " + faultClass);
        };
    }

    private static String trace(String exception, List<String> frames, List<String> callers) {
        StringBuilder text = new StringBuilder(exception);
        frames.forEach(frame -> text.append("\n\tat ").append(frame));
        callers.forEach(frame -> text.append("\n\tat ").append(frame));

        return text.toString();
    }

    /** A {@code Caused by:} section whose last {@code more} frames equal the enclosing trace's. */
    private static String cause(String exception, List<String> frames, int more) {
        return "\n" + trace("Caused by: " + exception, frames, List.of()) + "\n\t... " + more + " more";
    }

    private static String frame(String type, String method, int line) {
        return type + "." + method + "(" + type.substring(type.lastIndexOf('.') + 1) + ".java:" + line + ")";
    }

    private static String clientOf(String upstream) {
        StringBuilder name = new StringBuilder();
        for (String part : upstream.split("-")) {
            name.append(capitalised(part));
        }

        return name.append("Client").toString();
    }

    static String capitalised(String word) {
        return Character.toUpperCase(word.charAt(0)) + word.substring(1);
    }
}
