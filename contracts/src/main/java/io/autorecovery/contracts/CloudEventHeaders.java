package io.autorecovery.contracts;

import java.nio.charset.StandardCharsets;
import java.time.format.DateTimeFormatter;
import java.util.List;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.internals.RecordHeader;

/**
 * CloudEvents attributes of an event as Kafka headers (binary content mode, CloudEvents Kafka
 * protocol binding 1.0), so any CloudEvents-aware tool can read the topics.
 */
public final class CloudEventHeaders {

    public static final String SPEC_VERSION = "ce_specversion";
    public static final String ID = "ce_id";
    public static final String SOURCE = "ce_source";
    public static final String TYPE = "ce_type";
    public static final String TIME = "ce_time";
    public static final String SUBJECT = "ce_subject";
    public static final String CONTENT_TYPE = "content-type";

    private CloudEventHeaders() {}

    /**
     * @param source the producing service, for example {@code detector-service}
     */
    public static List<Header> of(MeshEvent event, String source) {
        return List.of(
                header(SPEC_VERSION, "1.0"),
                header(ID, event.eventId().toString()),
                header(SOURCE, "/autorecovery/" + source),
                header(TYPE, EventType.of(event).cloudEventType()),
                header(TIME, DateTimeFormatter.ISO_INSTANT.format(event.occurredAt())),
                header(SUBJECT, event.subject()),
                header(CONTENT_TYPE, "application/json"));
    }

    private static Header header(String name, String value) {
        return new RecordHeader(name, value.getBytes(StandardCharsets.UTF_8));
    }
}
