package io.autorecovery.contracts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.apache.kafka.common.header.Header;
import org.junit.jupiter.api.Test;

class EventJsonTest {

    @Test
    void refusesTextThatIsNotJson() {
        assertThatThrownBy(() -> EventJson.read("{not json", FaultDetected.class))
                .isInstanceOf(MalformedEventException.class)
                .hasMessageStartingWith("unreadable FaultDetected");
    }

    @Test
    void refusesAJsonNull() {
        assertThatThrownBy(() -> EventJson.read("null", FaultDetected.class))
                .isInstanceOf(MalformedEventException.class)
                .hasMessage("a JSON null is not a FaultDetected");
    }

    @Test
    void refusesAnEmptyRecord() {
        assertThatThrownBy(() -> EventJson.read(new byte[0], FaultDetected.class))
                .isInstanceOf(MalformedEventException.class)
                .hasMessage("empty record: a FaultDetected was expected");
    }

    @Test
    void refusesARecordOverTheSizeLimit() {
        byte[] huge = new byte[EventJson.MAX_EVENT_BYTES + 1];

        assertThatThrownBy(() -> EventJson.read(huge, LogRecord.class))
                .isInstanceOf(MalformedEventException.class)
                .hasMessage("record of 1048577 bytes exceeds the limit of 1048576 bytes");
    }

    @Test
    void refusesDeeplyNestedJson() {
        String nested = "{\"a\":".repeat(200) + "1" + "}".repeat(200);

        assertThatThrownBy(() -> EventJson.read(nested, LogRecord.class))
                .isInstanceOf(MalformedEventException.class)
                .hasMessageContaining("nesting depth");
    }

    @Test
    void refusesAnEventMissingARequiredField() throws Exception {
        ObjectNode sample = (ObjectNode) EventJson.mapper().readTree(Samples.json(EventType.INCIDENT_CREATED));
        sample.remove("incidentId");

        assertThatThrownBy(() -> EventJson.read(sample.toString(), IncidentCreated.class))
                .isInstanceOf(MalformedEventException.class)
                .hasMessage("invalid IncidentCreated: missing required field 'incidentId'");
    }

    @Test
    void namesAFieldOfTheWrongType() throws Exception {
        ObjectNode sample = (ObjectNode) EventJson.mapper().readTree(Samples.json(EventType.FAULT_DETECTED));
        sample.put("count", "many");

        assertThatThrownBy(() -> EventJson.read(sample.toString(), FaultDetected.class))
                .isInstanceOf(MalformedEventException.class)
                .hasMessage("invalid FaultDetected: missing or mistyped field 'count'");
    }

    @Test
    void refusesJsonThatIsNotAnObject() {
        assertThatThrownBy(() -> EventJson.read("[1, 2]", FaultDetected.class))
                .isInstanceOf(MalformedEventException.class)
                .hasMessageStartingWith("unreadable FaultDetected: not a JSON object");
    }

    @Test
    void refusesTrailingGarbage() {
        String json = Samples.json(EventType.FAULT_DETECTED) + "{}";

        assertThatThrownBy(() -> EventJson.read(json, FaultDetected.class)).isInstanceOf(MalformedEventException.class);
    }

    @Test
    void toleratesFieldsAddedByANewerWriter() throws Exception {
        ObjectNode sample = (ObjectNode) EventJson.mapper().readTree(Samples.json(EventType.FAULT_DETECTED));
        sample.put("addedLater", "value");

        FaultDetected event = EventJson.read(sample.toString(), FaultDetected.class);

        assertThat(event).isEqualTo(Samples.read(EventType.FAULT_DETECTED, FaultDetected.class));
    }

    @Test
    void readsAFaultClassAddedByANewerWriterAsUnknown() throws Exception {
        ObjectNode sample = (ObjectNode) EventJson.mapper().readTree(Samples.json(EventType.FAULT_DETECTED));
        sample.put("faultClass", "cosmic-ray");

        FaultDetected event = EventJson.read(sample.toString(), FaultDetected.class);

        assertThat(event.faultClass()).isEqualTo(FaultClass.UNKNOWN);
    }

    @Test
    void cloudEventHeadersCarryTheEventIdentity() {
        FaultDetected event = Samples.read(EventType.FAULT_DETECTED, FaultDetected.class);

        List<Header> headers = CloudEventHeaders.of(event, "detector-service");

        Map<String, String> values = headers.stream()
                .collect(Collectors.toMap(Header::key, h -> new String(h.value(), StandardCharsets.UTF_8)));
        assertThat(values)
                .isEqualTo(Map.of(
                        "ce_specversion", "1.0",
                        "ce_id", "5d0a4f8e-3a5b-4c1e-8a43-7f2f0c6b1d22",
                        "ce_source", "/autorecovery/detector-service",
                        "ce_type", "io.autorecovery.faults.detected.v1",
                        "ce_time", "2026-11-30T09:14:03.002Z",
                        "ce_subject", "3f9a1c07be2d4e58",
                        "content-type", "application/json"));
    }
}
