package io.autorecovery.detector.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import io.autorecovery.contracts.LogRecord;
import io.autorecovery.detector.ingest.RecordAssembler.Assembled;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class RecordAssemblerTest {

    private static final Instant NOW = Instant.parse("2026-03-04T10:00:00Z");
    private final LineParser parser = new LineParser(1024 * 1024);

    @Test
    void shouldAssembleAJavaTraceWithItsCausesUnderTheLogLine() {
        List<LogRecord> records = assemble(
                "svc",
                "2026-03-04 10:15:30.123 [main] ERROR c.e.OrderService - Failed to place order 8812",
                "java.lang.IllegalStateException: order failed",
                "\tat com.example.OrderService.place(OrderService.java:42)",
                "\tat com.example.OrderController.post(OrderController.java:17)",
                "Caused by: java.sql.SQLTimeoutException: Query timed out",
                "\tat org.postgresql.jdbc.PgStatement.execute(PgStatement.java:380)",
                "\t... 2 more",
                "\tSuppressed: java.io.IOException: close failed",
                "2026-03-04 10:15:31.000 [main] INFO c.e.OrderService - Retrying");

        assertThat(records).hasSize(2);
        assertThat(records.get(0).message()).isEqualTo("Failed to place order 8812");
        assertThat(records.get(0).level()).isEqualTo("ERROR");
        assertThat(records.get(0).stackTrace())
                .isEqualTo("java.lang.IllegalStateException: order failed\n"
                        + "\tat com.example.OrderService.place(OrderService.java:42)\n"
                        + "\tat com.example.OrderController.post(OrderController.java:17)\n"
                        + "Caused by: java.sql.SQLTimeoutException: Query timed out\n"
                        + "\tat org.postgresql.jdbc.PgStatement.execute(PgStatement.java:380)\n"
                        + "\t... 2 more\n"
                        + "\tSuppressed: java.io.IOException: close failed");
        assertThat(records.get(1).message()).isEqualTo("Retrying");
        assertThat(records.get(1).stackTrace()).isNull();
    }

    @Test
    void shouldAssembleAPythonTracebackAndNameItsExceptionWhenItHasNoLogLine() {
        List<LogRecord> records = assemble(
                "svc",
                "Traceback (most recent call last):",
                "  File \"/app/orders/views.py\", line 88, in create",
                "    order = place(cart)",
                "  File \"/app/orders/service.py\", line 12, in place",
                "    raise KeyError(sku)",
                "KeyError: 'sku-1'",
                "",
                "During handling of the above exception, another exception occurred:",
                "",
                "Traceback (most recent call last):",
                "  File \"/app/orders/views.py\", line 90, in create",
                "    raise OrderFailed()",
                "orders.errors.OrderFailed: cannot place",
                "INFO:root:next request");

        assertThat(records).hasSize(2);
        LogRecord traceback = records.get(0);
        assertThat(traceback.level()).isEqualTo("ERROR");
        assertThat(traceback.message()).isEqualTo("orders.errors.OrderFailed: cannot place");
        assertThat(traceback.stackTrace())
                .startsWith("Traceback (most recent call last):\n  File")
                .contains("KeyError: 'sku-1'\n\nDuring handling")
                .endsWith("    raise OrderFailed()\norders.errors.OrderFailed: cannot place");
        assertThat(records.get(1).message()).isEqualTo("next request");
    }

    @Test
    void shouldAssembleInterleavedServicesAndThreadsApart() {
        RecordAssembler<Integer> assembler = new RecordAssembler<>(100, 10_000);
        List<Assembled<Integer>> done = new ArrayList<>();
        String[] lines = {
            "{\"service\":\"orders\",\"thread\":\"t1\",\"level\":\"ERROR\",\"message\":\"Order failed\"}",
            "{\"service\":\"billing\",\"thread\":\"t1\",\"level\":\"ERROR\",\"message\":\"Charge failed\"}",
            "{\"service\":\"orders\",\"thread\":\"t2\",\"level\":\"INFO\",\"message\":\"Order placed\"}",
            "{\"service\":\"orders\",\"thread\":\"t1\",\"message\":\"java.lang.IllegalStateException: o\"}",
            "{\"service\":\"billing\",\"thread\":\"t1\",\"message\":\"java.io.IOException: b\"}",
            "{\"service\":\"orders\",\"thread\":\"t1\",\"message\":\"\\tat a.Orders.place(Orders.java:1)\"}",
            "{\"service\":\"billing\",\"thread\":\"t1\",\"message\":\"\\tat a.Billing.charge(Billing.java:2)\"}",
        };
        for (int i = 0; i < lines.length; i++) {
            done.addAll(assembler.add(parser.parse(lines[i], "svc"), i + 1, NOW, i));
        }
        done.addAll(assembler.flush());

        assertThat(done)
                .extracting(a -> a.record().service() + "|" + a.record().message() + "|"
                        + a.record().stackTrace() + "|" + a.sources())
                .containsExactly(
                        "orders|Order failed|java.lang.IllegalStateException: o\n\tat a.Orders.place(Orders.java:1)"
                                + "|[1, 4, 6]",
                        "billing|Charge failed|java.io.IOException: b\n\tat a.Billing.charge(Billing.java:2)|[2, 5, 7]",
                        "orders|Order placed|null|[3]");
    }

    @Test
    void shouldBoundAHundredThousandFrameTraceKeepingItsCausesAndAMarker() {
        RecordAssembler<Integer> assembler = new RecordAssembler<>(1000, 256 * 1024);
        List<Assembled<Integer>> done = new ArrayList<>();
        done.addAll(assembler.add(parser.parse("ERROR Stack overflow in pricing", "svc"), 0, NOW, 0));
        done.addAll(assembler.add(parser.parse("java.lang.StackOverflowError: deep", "svc"), 1, NOW, 1));
        for (int i = 0; i < 100_000; i++) {
            String frame = "\tat com.example.Pricing.price(Pricing.java:" + (i % 7 + 10) + ")";
            done.addAll(assembler.add(parser.parse(frame, "svc"), 2 + i, NOW, 2 + i));
        }
        done.addAll(assembler.add(
                parser.parse("Caused by: java.lang.IllegalStateException: loop", "svc"), 100_002, NOW, 100_002));
        done.addAll(assembler.flush());

        assertThat(done).hasSize(1);
        Assembled<Integer> record = done.get(0);
        assertThat(record.truncated()).isTrue();
        assertThat(record.sources()).hasSize(100_003);
        String[] kept = record.record().stackTrace().split("\n");
        assertThat(kept).hasSize(1001);
        assertThat(kept[999]).isEqualTo("\t... [truncated: 99002 lines, 4554092 chars not kept]");
        assertThat(kept[1000]).isEqualTo("Caused by: java.lang.IllegalStateException: loop");
    }

    private List<LogRecord> assemble(String service, String... lines) {
        RecordAssembler<Integer> assembler = new RecordAssembler<>(1000, 256 * 1024);
        List<LogRecord> records = new ArrayList<>();
        for (int i = 0; i < lines.length; i++) {
            assembler.add(parser.parse(lines[i], service), i, NOW, i).forEach(a -> records.add(a.record()));
        }
        assembler.flush().forEach(a -> records.add(a.record()));
        return records;
    }
}
