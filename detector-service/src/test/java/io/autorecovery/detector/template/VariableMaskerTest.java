package io.autorecovery.detector.template;

import static org.assertj.core.api.Assertions.assertThat;

import io.autorecovery.contracts.EventType;
import io.autorecovery.contracts.FaultDetected;
import io.autorecovery.contracts.LogRecord;
import io.autorecovery.contracts.Samples;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class VariableMaskerTest {

    @Test
    void shouldTurnTheSampleLogMessageIntoTheSampleTemplate() {
        LogRecord record = Samples.read(EventType.LOG_RECORDED, LogRecord.class);
        FaultDetected fault = Samples.read(EventType.FAULT_DETECTED, FaultDetected.class);

        assertThat(VariableMasker.mask(record.message())).isEqualTo(fault.template());
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            Order 81733 failed after 3 retries in 1.5s      | Order <NUM> failed after <NUM> retries in <NUM>s
            Pool at 20/20 active connections                | Pool at <NUM>/<NUM> active connections
            Payment 550e8400-e29b-41d4-a716-446655440000 declined | Payment <UUID> declined
            Connection refused: 10.0.12.7:5432              | Connection refused: <IP>
            Peer 2001:db8::8a2e:370:7334 reset the stream   | Peer <IP> reset the stream
            Peer fe80:0:0:0:202:b3ff:fe1e:8329 is gone      | Peer <IP> is gone
            Listening on ::1 failed                         | Listening on <IP> failed
            Object 0x7f3a2b1c freed twice                   | Object <HEX> freed twice
            Trace 4bf92f3577b34da6a3ce929d0e0e4736 aborted  | Trace <HEX> aborted
            Started at 2026-11-30T09:14:02.118Z, retry at 09:15:00 | Started at <TIME>, retry at <TIME>
            Batch of 2026-11-30 10:00:01,250 was late       | Batch of <TIME> was late
            """)
    void shouldMaskVariableParts(String message, String template) {
        assertThat(VariableMasker.mask(message)).isEqualTo(template);
    }

    @Test
    void shouldMaskQuotedValuesAfterAnEqualsSign() {
        String message = "Login refused for user=\"alice\" role='admin' tenant=42";

        assertThat(VariableMasker.mask(message))
                .isEqualTo("Login refused for user=<QUOTED> role=<QUOTED> tenant=<NUM>");
    }

    @Test
    void shouldNotTakeAnApostropheForAQuote() {
        assertThat(VariableMasker.mask("Can't reach 'orders-db', the users' cache is cold"))
                .isEqualTo("Can't reach <QUOTED>, the users' cache is cold");
    }

    @Test
    void shouldKeepNumbersThatArePartOfAName() {
        String message = "db2 driver over http2 with log4j and utf8";

        assertThat(VariableMasker.mask(message)).isEqualTo(message);
    }

    @Test
    void shouldKeepWordsThatHappenToBeHexLetters() {
        assertThat(VariableMasker.mask("deadbeef accepted by facade")).isEqualTo("deadbeef accepted by facade");
    }

    @Test
    void shouldGiveOccurrencesOfOneFaultTheSameTemplate() {
        String first = VariableMasker.mask("Order 17 of user='bob' timed out after 3000 ms on 10.0.0.5");
        String second = VariableMasker.mask("Order 90211 of user='carol' timed out after 2999 ms on 10.0.0.17");

        assertThat(first).isEqualTo(second).isEqualTo("Order <NUM> of user=<QUOTED> timed out after <NUM> ms on <IP>");
    }

    @Test
    void shouldCollapseWhitespaceAcrossLines() {
        assertThat(VariableMasker.mask("  Failed to save\n\torder   now \r\n")).isEqualTo("Failed to save order now");
    }

    @Test
    void shouldOnlyReadTheHeadOfAVeryLongMessage() {
        String head = "x".repeat(VariableMasker.MAX_INPUT_CHARS);

        assertThat(VariableMasker.mask(head + " and a tail that differs 1")).isEqualTo(head);
        assertThat(VariableMasker.mask(head + " and another tail")).isEqualTo(head);
    }

    @Test
    void shouldReadNoMessageAsAnEmptyTemplate() {
        assertThat(VariableMasker.mask(null)).isEmpty();
    }
}
