package io.autorecovery.detector.support;

import io.autorecovery.contracts.FaultDetected;
import java.util.Map;

/** The CloudEvents headers a {@code faults.detected} event must carry, spelled out in full. */
public final class ExpectedHeaders {

    private ExpectedHeaders() {}

    public static Map<String, String> of(FaultDetected event) {
        return Map.of(
                "ce_specversion", "1.0",
                "ce_id", event.eventId().toString(),
                "ce_source", "/autorecovery/detector-service",
                "ce_type", "io.autorecovery.faults.detected.v1",
                "ce_time", event.occurredAt().toString(),
                "ce_subject", event.fingerprint(),
                "content-type", "application/json");
    }
}
