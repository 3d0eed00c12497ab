package io.autorecovery.detector.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import org.junit.jupiter.api.Test;

class LineParserTest {

    private static final Instant AT = Instant.parse("2026-03-04T10:15:30.123Z");
    private final LineParser parser = new LineParser(64 * 1024);

    @Test
    void shouldReadALogbackLineWithThreadBeforeLevel() {
        assertThat(parse("2026-03-04 10:15:30.123 [http-nio-8080-exec-1] ERROR c.e.orders.OrderService"
                        + " - Failed to place order 8812"))
                .isEqualTo(
                        head("ERROR", "Failed to place order 8812", "c.e.orders.OrderService", "http-nio-8080-exec-1"));
    }

    @Test
    void shouldReadAQuarkusLineWithLoggerInBracketsAndThreadInParentheses() {
        assertThat(parse("2026-03-04 10:15:30,123 ERROR [io.qua.ver.htt.run.QuarkusErrorHandler]"
                        + " (executor-thread-1) HTTP Request to /orders failed, error id: 7f3a"))
                .isEqualTo(head(
                        "ERROR",
                        "HTTP Request to /orders failed, error id: 7f3a",
                        "io.qua.ver.htt.run.QuarkusErrorHandler",
                        "executor-thread-1"));
    }

    @Test
    void shouldReadASpringBootLineWithPidApplicationAndThread() {
        assertThat(parse("2026-03-04T10:15:30.123Z ERROR 41822 --- [orders] [nio-8080-exec-1]"
                        + " c.e.o.OrderController : Order 8812 failed"))
                .isEqualTo(head("ERROR", "Order 8812 failed", "c.e.o.OrderController", "nio-8080-exec-1"));
    }

    @Test
    void shouldReadALog4jLineWithAnOffset() {
        assertThat(parse("2026-03-04T11:15:30.123+0100 WARN [main] com.example.App - Cache cold"))
                .isEqualTo(head("WARN", "Cache cold", "com.example.App", "main"));
    }

    @Test
    void shouldReadPythonLoggingFormats() {
        assertThat(parse("2026-03-04 10:15:30,123 - orders.db - ERROR - Connection to 10.0.0.5 refused"))
                .isEqualTo(head("ERROR", "Connection to 10.0.0.5 refused", "orders.db", null));
        assertThat(parse("2026-03-04 10:15:30,123 - app - WARNING - Slow query"))
                .isEqualTo(head("WARN", "Slow query", "app", null));
        assertThat(parser.parse("ERROR:root:Payment gateway returned 502", "svc"))
                .isEqualTo(new ParsedLine(
                        "svc", null, "ERROR", "Payment gateway returned 502", "root", null, null, null, false));
        assertThat(parse("2026-03-04 10:15:30,123 CRITICAL orders.worker: Worker died"))
                .isEqualTo(head("FATAL", "Worker died", "orders.worker", null));
    }

    @Test
    void shouldReadSyslogLinesWithTheLevelFromThePriorityOrTheMessage() {
        ParsedLine bsd = parser.parse("<11>Mar  4 10:15:30 web-1 nginx[812]: upstream timed out", "svc");
        assertThat(bsd.level()).isEqualTo("ERROR");
        assertThat(bsd.logger()).isEqualTo("nginx");
        assertThat(bsd.message()).isEqualTo("upstream timed out");
        assertThat(bsd.occurredAt()).isNotNull();

        assertThat(parser.parse("<165>1 2026-03-04T10:15:30.123Z web-1 billing 812 ID47 - ERROR Card declined", "svc"))
                .isEqualTo(new ParsedLine("svc", AT, "ERROR", "Card declined", "billing", null, null, null, false));
    }

    @Test
    void shouldReadLogfmtLinesByTheirKeys() {
        assertThat(parser.parse(
                        "time=2026-03-04T10:15:30.123Z level=error msg=\"query failed\" "
                                + "err=\"context deadline exceeded\" component=store trace_id=ab12",
                        "svc"))
                .isEqualTo(new ParsedLine(
                        "svc",
                        AT,
                        "ERROR",
                        "query failed: context deadline exceeded",
                        "store",
                        null,
                        "ab12",
                        null,
                        false));
        assertThat(parser.parse("level=warn service=cart msg=\"slow \\\"cart\\\" call\"", "svc"))
                .isEqualTo(new ParsedLine("cart", null, "WARN", "slow \"cart\" call", null, null, null, null, false));
    }

    @Test
    void shouldFindTheLevelAfterAPrefixOfDatesNumbersAndIds() {
        assertThat(parse("17/06/09 20:10:40 ERROR executor.Executor: Exception in task 0.0"))
                .isEqualTo(new ParsedLine(
                        "svc", null, "ERROR", "Exception in task 0.0", "executor.Executor", null, null, null, false));
        assertThat(parse("081109 203615 148 WARN dfs.DataNode$PacketResponder: Slow block receiver"))
                .isEqualTo(new ParsedLine(
                        "svc",
                        null,
                        "WARN",
                        "Slow block receiver",
                        "dfs.DataNode$PacketResponder",
                        null,
                        null,
                        null,
                        false));
        assertThat(parse("[Sun Dec 04 04:47:44 2005] [error] mod_jk child workerEnv in error state 6"))
                .isEqualTo(new ParsedLine(
                        "svc",
                        null,
                        "ERROR",
                        "mod_jk child workerEnv in error state 6",
                        null,
                        null,
                        null,
                        null,
                        false));
        assertThat(parse("42 apples and 7 ERROR words"))
                .isEqualTo(new ParsedLine(
                        "svc", null, null, "42 apples and 7 ERROR words", null, null, null, null, false));
    }

    @Test
    void shouldKeepALineWithoutHeaderWholeAsItsMessage() {
        assertThat(parser.parse("payment-service: connection reset by peer", "svc"))
                .isEqualTo(new ParsedLine(
                        "svc", null, null, "payment-service: connection reset by peer", null, null, null, null, false));
    }

    @Test
    void shouldTakeStackLinesAsContinuations() {
        for (String line : new String[] {
            "\tat com.example.orders.OrderService.place(OrderService.java:42)",
            "Caused by: java.sql.SQLTimeoutException: Query timed out",
            "\t... 12 more",
            "\tSuppressed: java.io.IOException: close failed",
            "java.lang.IllegalStateException: Inventory missing",
            "Traceback (most recent call last):",
            "  File \"/app/orders/views.py\", line 88, in create",
        }) {
            assertThat(parser.parse(line, "svc")).isEqualTo(ParsedLine.continuationOf("svc", null, line));
        }
    }

    @Test
    void shouldReadJsonLinesUnderTheirCommonFieldNames() {
        assertThat(parser.parse(
                        "{\"@timestamp\":\"2026-03-04T10:15:30.123Z\",\"severity\":\"error\","
                                + "\"msg\":\"Order failed\",\"logger_name\":\"c.e.Orders\",\"thread_name\":\"main\","
                                + "\"traceId\":\"4bf92f35\",\"stack_trace\":\"java.lang.IllegalStateException: x\","
                                + "\"service\":\"orders\"}",
                        "svc"))
                .isEqualTo(new ParsedLine(
                        "orders",
                        AT,
                        "ERROR",
                        "Order failed",
                        "c.e.Orders",
                        "main",
                        "4bf92f35",
                        "java.lang.IllegalStateException: x",
                        false));
        assertThat(parser.parse(
                        "{\"log.level\":\"warn\",\"message\":\"Slow\",\"service\":{\"name\":\"cart\"},"
                                + "\"error\":{\"stack\":\"Error: boom\\n    at f (a.js:1:2)\"},\"time\":1772619330123}",
                        "svc"))
                .isEqualTo(new ParsedLine(
                        "cart", AT, "WARN", "Slow", null, null, null, "Error: boom\n    at f (a.js:1:2)", false));
        assertThat(parser.parse("{\"level\":50,\"msg\":\"pino error\",\"trace_id\":\"ab\"}", "svc"))
                .isEqualTo(new ParsedLine("svc", null, "ERROR", "pino error", null, null, "ab", null, false));
    }

    @Test
    void shouldRenderAQuarkusJsonExceptionAsAJavaStackTrace() {
        String line = "{\"level\":\"ERROR\",\"message\":\"Failed\",\"exception\":{\"refId\":1,"
                + "\"exceptionType\":\"java.lang.IllegalStateException\",\"message\":\"boom\",\"frames\":["
                + "{\"class\":\"com.example.Orders\",\"method\":\"place\",\"line\":42}],\"causedBy\":{\"exception\":"
                + "{\"refId\":2,\"exceptionType\":\"java.io.IOException\",\"message\":\"reset\",\"frames\":[]}}}}";

        assertThat(parser.parse(line, "svc").stackTrace())
                .isEqualTo("java.lang.IllegalStateException: boom\n\tat com.example.Orders.place(Orders.java:42)\n"
                        + "Caused by: java.io.IOException: reset");
    }

    @Test
    void shouldTakeAJsonLineWhoseMessageIsAFrameAsAContinuation() {
        assertThat(parser.parse(
                        "{\"service\":\"orders\",\"thread\":\"main\",\"message\":\"\\tat a.B.c(B.java:1)\"}", "svc"))
                .isEqualTo(ParsedLine.continuationOf("orders", "main", "\tat a.B.c(B.java:1)"));
    }

    @Test
    void shouldRejectInvalidJsonNamingTheReason() {
        assertThatThrownBy(() -> parser.parse("{\"message\": \"unterminated", "svc"))
                .isInstanceOf(RejectedLineException.class)
                .hasMessageStartingWith("unreadable JSON: ");
        assertThatThrownBy(() -> parser.parse("{\"level\":\"ERROR\"}", "svc"))
                .isInstanceOf(RejectedLineException.class)
                .hasMessage("JSON line has no message (tried message, msg, log, @message, text)");
        assertThatThrownBy(() -> parser.parse("{\"message\":\"x\",\"service\":\"a b\"}", "svc"))
                .isInstanceOf(RejectedLineException.class)
                .hasMessage("service must not contain whitespace or control characters");
        String nested = "{\"message\":" + "[".repeat(1000) + "]".repeat(1000) + "}";
        assertThatThrownBy(() -> parser.parse(nested, "svc"))
                .isInstanceOf(RejectedLineException.class)
                .hasMessageContaining("nesting depth");
    }

    @Test
    void shouldCutAnOverlongPlainLineWithAMarkerAndRefuseAnOverlongJsonLine() {
        String plain = "ERROR Upload failed: " + "x".repeat(100_000);
        ParsedLine cut = parser.parse(plain, "svc");
        assertThat(cut.message())
                .hasSize(64 * 1024 - "ERROR ".length())
                .endsWith("… [truncated from " + plain.length() + " chars]");

        String json = "{\"message\":\"" + "x".repeat(100_000) + "\"}";
        assertThatThrownBy(() -> parser.parse(json, "svc"))
                .isInstanceOf(RejectedLineException.class)
                .hasMessage("JSON line of 100014 chars exceeds the limit of 65536 chars");
    }

    private ParsedLine parse(String line) {
        return parser.parse(line, "svc");
    }

    private static ParsedLine head(String level, String message, String logger, String thread) {
        return new ParsedLine("svc", AT, level, message, logger, thread, null, null, false);
    }
}
