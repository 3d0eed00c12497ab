package io.autorecovery.detector.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;

import io.autorecovery.contracts.EventJson;
import io.autorecovery.contracts.LogRecord;
import io.autorecovery.contracts.MalformedEventException;
import java.time.Instant;
import java.util.UUID;
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
        assertThat(LogRecordJson.read(json)).isEqualTo(EventJson.read(json, LogRecord.class));
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
                "{\"eventId\":\"nope\",\"version\":1,\"occurredAt\":\"2026-03-04T10:15:30Z\",\"service\":\"a\","
                        + "\"message\":\"m\"}",
                "{\"eventId\":\"" + ID + "\",\"version\":1,\"occurredAt\":\"2026-02-30T10:15:30Z\",\"service\":\"a\","
                        + "\"message\":\"m\"}",
            })
    void shouldFailAsDataBindingFails(String json) {
        Throwable expected = catchThrowable(() -> EventJson.read(json, LogRecord.class));

        assertThat(expected).isInstanceOf(MalformedEventException.class);
        assertThat(LogRecordJson.readPlain(json)).isNull();
        assertThatThrownBy(() -> LogRecordJson.read(json))
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
