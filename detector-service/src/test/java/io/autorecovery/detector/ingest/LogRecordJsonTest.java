package io.autorecovery.detector.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;

import io.autorecovery.contracts.EventJson;
import io.autorecovery.contracts.LogRecord;
import io.autorecovery.contracts.MalformedEventException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Random;
import java.util.UUID;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The streaming reader of logs.raw gives exactly what data binding gives, or leaves the case to it. */
class LogRecordJsonTest {

    private static final String ID = "6f1c2a4e-8b0d-4c55-9e1f-2a3b4c5d6e7f";

    /** The start of a record with id, version and time, to which a case adds the rest. */
    private static final String HEAD =
            "{\"eventId\":\"" + ID + "\",\"version\":1,\"occurredAt\":\"2026-03-04T10:15:30Z\",";

    @Test
    void shouldReadWhatWritersProduceWithoutDataBinding() {
        LogRecord written = new LogRecord(
                UUID.randomUUID(),
                Instant.parse("2026-12-04T16:35:12.123456789Z"),
                1,
                "checkout",
                "ERROR",
                "Order 8812 failed: \"quoted\" \\ back\nslash \u00e9\u4e2d",
                "c.e.OrderService",
                "http-nio-8080-exec-3",
                "4bf92f3577b34da6a3ce929d0e0e4736",
                "java.lang.IllegalStateException: order failed\n"
                        + "\tat com.example.OrderService.place(OrderService.java:42)");
        String json = EventJson.write(written);

        assertThat(LogRecordJson.readPlain(json)).isEqualTo(written);
        assertThat(LogRecordJson.read(json)).isEqualTo(written);
    }

    @Test
    void shouldReadAPlainAsciiRecordStraightFromItsBytes() {
        String json = " {\"eventId\" : \"" + ID + "\",\t\"version\":1 ,\"occurredAt\":\"2026-03-04T10:15:30.5Z\","
                + "\"service\":\"checkout\",\"level\":\"ERROR\",\"message\":\"caf\\u00e9 \\\"q\\\" \\\\ \\/ "
                + "\\b\\f\\n\\r\\t \\uD83D\\uDE00\",\"logger\":null,\"extra\":-1.5e+3,\"on\":true,"
                + "\"off\":false,\"nothing\":null,\"note\":\"x\",\"thread\":\"main\",\"stackTrace\":\"boom\"}\n";
        byte[] bytes = json.getBytes(StandardCharsets.US_ASCII);

        LogRecord record = AsciiRecordScanner.read(bytes);

        assertThat(record).isNotNull().isEqualTo(EventJson.read(json, LogRecord.class));
        assertThat(record.message()).isEqualTo("caf\u00e9 \"q\" \\ / \b\f\n\r\t \uD83D\uDE00");
        assertThat(LogRecordJson.read(bytes)).isEqualTo(record);
    }

    @Test
    void shouldLeaveBytesAbove127ToTheTextReader() {
        LogRecord written =
                LogRecord.of("checkout", "ERROR", "Zahlung fehlgeschlagen f\u00fcr Bestellung 7", null, null);
        byte[] bytes = EventJson.write(written).getBytes(StandardCharsets.UTF_8);

        assertThat(AsciiRecordScanner.read(bytes)).isNull();
        assertThat(LogRecordJson.read(bytes)).isEqualTo(written);
    }

    /**
     * Records damaged at random, one to three edits each: wherever the byte reader gives a record,
     * it is the one data binding gives, and reading the bytes ends as data binding ends, with the
     * same record or the same error.
     */
    @Test
    void shouldAgreeWithDataBindingOnDamagedRecords() {
        String valid = "{\"eventId\":\"" + ID + "\",\"version\":1,\"occurredAt\":\"2026-03-04T10:15:30.25Z\","
                + "\"service\":\"checkout\",\"level\":\"WARN\",\"message\":\"Retry 3 of \\\"pay\\\"\\n\","
                + "\"logger\":null,\"extra\":12,\"thread\":\"w-1\"}";
        String alphabet = "{}[]\":,\\/ \t\n\r0123456789-+.eEtrufalsnu\u0000\u001fxyz\u00e9";
        Random random = new Random(20261204);
        int read = 0;
        for (int i = 0; i < 20_000; i++) {
            StringBuilder damaged = new StringBuilder(valid);
            for (int edits = 1 + random.nextInt(3); edits > 0 && !damaged.isEmpty(); edits--) {
                int at = random.nextInt(damaged.length());
                char c = alphabet.charAt(random.nextInt(alphabet.length()));
                switch (random.nextInt(3)) {
                    case 0 -> damaged.deleteCharAt(at);
                    case 1 -> damaged.insert(at, c);
                    default -> damaged.setCharAt(at, c);
                }
            }
            String json = damaged.toString();
            byte[] bytes = json.getBytes(StandardCharsets.UTF_8);
            Object expected = outcomeOf(() -> EventJson.read(json, LogRecord.class));

            LogRecord scanned = AsciiRecordScanner.read(bytes);

            if (scanned != null) {
                assertThat(expected).as(json).isEqualTo(scanned);
                read++;
            }
            assertThat(outcomeOf(() -> LogRecordJson.read(bytes))).as(json).isEqualTo(expected);
        }
        // The damage leaves many records readable: the comparison above is not only about failures.
        assertThat(read).isGreaterThan(2_000);
    }

    /** The record read, or the message of the MalformedEventException thrown. */
    private static Object outcomeOf(Supplier<LogRecord> reading) {
        try {
            return reading.get();
        } catch (MalformedEventException e) {
            return e.getMessage();
        }
    }

    @Test
    void shouldSkipUnknownFieldsAndKeepTheLastOfARepeatedField() {
        String json = "{\"eventId\":\"" + ID + "\",\"occurredAt\":\"2026-01-31T23:59:59Z\",\"service\":\"a\","
                + "\"version\":1,\"extra\":{\"deep\":[1,{\"x\":null}]},\"message\":\"first\",\"message\":\"second\","
                + "\"level\":null}";

        LogRecord plain = LogRecordJson.readPlain(json);

        assertThat(plain).isNotNull().isEqualTo(EventJson.read(json, LogRecord.class));
        assertThat(plain.message()).isEqualTo("second");
        assertThat(plain.level()).isNull();
        assertThat(plain.occurredAt()).isEqualTo(Instant.parse("2026-01-31T23:59:59Z"));
    }

    /** Valid records in a shape the fast path does not take: data binding reads them all the same. */
    @ParameterizedTest
    @ValueSource(
            strings = {
                "\"occurredAt\":\"2026-03-04T10:15:30+02:00\",\"message\":\"m\"",
                "\"occurredAt\":1764866112.5,\"message\":\"m\"",
                "\"occurredAt\":\"2026-03-04T10:15:30.1Z\",\"message\":\"m\",\"level\":30",
                "\"occurredAt\":\"2026-03-04T10:15:30Z\",\"message\":\"m\",\"version\":\"2\"",
                "\"occurredAt\":\"2026-03-04T10:15:30Z\",\"message\":\"m\",\"service\":17",
                "\"occurredAt\":\"2016-12-31T23:59:60Z\",\"message\":\"leap second\"",
            })
    void shouldLeaveOtherValidShapesToDataBinding(String fields) {
        String json = "{\"eventId\":\"" + ID + "\",\"service\":\"a\",\"version\":1," + fields + "}";

        assertThat(LogRecordJson.readPlain(json)).isNull();
        assertThat(AsciiRecordScanner.read(json.getBytes(StandardCharsets.UTF_8)))
                .isNull();
        assertThat(LogRecordJson.read(json)).isEqualTo(EventJson.read(json, LogRecord.class));
        assertThat(LogRecordJson.read(json.getBytes(StandardCharsets.UTF_8)))
                .isEqualTo(EventJson.read(json, LogRecord.class));
    }

    /** Invalid records: the same error, word for word, as every other reader of the topic gives. */
    @ParameterizedTest
    @ValueSource(
            strings = {
                "",
                "null",
                "[]",
                "{",
                HEAD + "\"service\":\"a\"}",
                HEAD + "\"service\":\" \",\"message\":\"m\"}",
                HEAD + "\"service\":\"a\",\"message\":\"m\"} {}",
                HEAD + "\"service\":\"a\",\"message\":\"m\",\"version\":null}",
                HEAD + "\"service\":\"a\",\"message\":\"m\",\"version\":99999999999}",
                "{\"eventId\":\"" + ID
                        + "\",\"occurredAt\":\"2026-03-04T10:15:30Z\",\"service\":\"a\",\"message\":\"m\"}",
                "{\"eventId\":\"6f1c2a4e-80d-4c55-9e1f-2a3b4c56d6e7f\",\"version\":1,"
                        + "\"occurredAt\":\"2026-03-04T10:15:30Z\",\"service\":\"a\",\"message\":\"m\"}",
                "{\"eventId\":\"nope\",\"version\":1,\"occurredAt\":\"2026-03-04T10:15:30Z\",\"service\":\"a\","
                        + "\"message\":\"m\"}",
                "{\"eventId\":\"" + ID + "\",\"version\":1,\"occurredAt\":\"2026-02-30T10:15:30Z\",\"service\":\"a\","
                        + "\"message\":\"m\"}",
            })
    void shouldFailAsDataBindingFails(String json) {
        Throwable expected = catchThrowable(() -> EventJson.read(json, LogRecord.class));

        assertThat(expected).isInstanceOf(MalformedEventException.class);
        assertThat(LogRecordJson.readPlain(json)).isNull();
        assertThat(AsciiRecordScanner.read(json.getBytes(StandardCharsets.UTF_8)))
                .isNull();
        assertThatThrownBy(() -> LogRecordJson.read(json))
                .isInstanceOf(MalformedEventException.class)
                .hasMessage(expected.getMessage());
        assertThatThrownBy(() -> LogRecordJson.read(json.getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(MalformedEventException.class)
                .hasMessage(expected.getMessage());
    }

    @Test
    void shouldRefuseDeepNestingInUnknownFieldsAsDataBindingDoes() {
        String json = HEAD + "\"service\":\"a\",\"message\":\"m\",\"extra\":" + "[".repeat(100) + "]".repeat(100) + "}";

        assertThat(LogRecordJson.readPlain(json)).isNull();
        assertThatThrownBy(() -> LogRecordJson.read(json))
                .isInstanceOf(MalformedEventException.class)
                .hasMessageContaining("nesting");
    }

    @Test
    void shouldReadTimesAsInstantReadsThem() {
        for (String text : new String[] {
            "1970-01-01T00:00:00Z",
            "2026-12-04T16:35:12.1Z",
            "2024-02-29T12:00:00.000001Z",
            "9999-12-31T23:59:59.999999999Z"
        }) {
            assertThat(LogRecordJson.instant(text)).as(text).isEqualTo(Instant.parse(text));
        }
        for (String text : new String[] {
            "2023-02-29T12:00:00Z",
            "2026-12-04T24:00:00Z",
            "2026-12-04 16:35:12Z",
            "2026-12-04T16:35:12.Z",
            "2026-12-04T16:35:12.1234567890Z",
            "2026-12-04T16:35:12"
        }) {
            assertThat(LogRecordJson.instant(text)).as(text).isNull();
        }
    }
}
