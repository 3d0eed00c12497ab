package io.autorecovery.dashboard.feed;

import static org.assertj.core.api.Assertions.assertThat;

import io.autorecovery.contracts.EventJson;
import io.autorecovery.contracts.IncidentCreated;
import io.autorecovery.contracts.Topics;
import io.autorecovery.dashboard.support.TestEvents;
import org.junit.jupiter.api.Test;

class EventDataTest {

    @Test
    void wrapsTheEventWithItsTopicAndSubjectOnOneLine() {
        IncidentCreated event = TestEvents.incidentCreated("checkout: pool exhausted\nsecond line");
        String payload = EventJson.write(event);
        FeedEntry entry = new FeedEntry(StreamId.parse("5-1"), Topics.INCIDENTS_CREATED, event.subject(), payload);

        String data = EventData.of(entry);

        assertThat(data).doesNotContain("\n", "\r");
        assertThat(TestEvents.tree(data))
                .isEqualTo(TestEvents.envelope(Topics.INCIDENTS_CREATED, event.subject(), payload));
    }

    @Test
    void leavesNoMarkupCharacterButReadsBackTheSameText() {
        IncidentCreated event = TestEvents.incidentCreated("<img src=x onerror=\"alert(1)\"> & </script>");
        FeedEntry entry = new FeedEntry(
                StreamId.parse("5-2"), Topics.INCIDENTS_CREATED, "<b>subject</b>", EventJson.write(event));

        String data = EventData.of(entry);

        assertThat(data).doesNotContain("<", ">", "&");
        assertThat(TestEvents.tree(data).get("subject").asText()).isEqualTo("<b>subject</b>");
        assertThat(EventJson.read(TestEvents.tree(data).get("event").toString(), IncidentCreated.class))
                .isEqualTo(event);
    }

    @Test
    void framesAnEntryWithItsIdTopicAndDataLine() {
        IncidentCreated event = TestEvents.incidentCreated("checkout: pool exhausted");
        String payload = EventJson.write(event);
        FeedEntry entry = new FeedEntry(StreamId.parse("7-3"), Topics.INCIDENTS_CREATED, event.subject(), payload);

        String frame = SseFrames.entry(entry).toString(java.nio.charset.StandardCharsets.UTF_8);

        assertThat(frame).isEqualTo("id:7-3\nevent:incidents.created\ndata:" + EventData.of(entry) + "\n\n");
    }
}
