package io.autorecovery.contracts;

import java.util.Arrays;

/** Every kind of event, with the topic it travels on and its CloudEvents type. */
public enum EventType {
    LOG_RECORDED(Topics.LOGS_RAW, LogRecord.class),
    FAULT_DETECTED(Topics.FAULTS_DETECTED, FaultDetected.class),
    INCIDENT_CREATED(Topics.INCIDENTS_CREATED, IncidentCreated.class),
    INCIDENT_UPDATED(Topics.INCIDENTS_UPDATED, IncidentUpdated.class),
    ANALYSIS_COMPLETED(Topics.ANALYSIS_COMPLETED, AnalysisCompleted.class),
    PATCH_PROPOSED(Topics.PATCH_PROPOSED, PatchProposed.class),
    DEPLOY_REQUESTED(Topics.DEPLOY_REQUESTED, DeployRequested.class),
    DEPLOY_COMPLETED(Topics.DEPLOY_COMPLETED, DeployCompleted.class);

    private final String topic;
    private final Class<? extends MeshEvent> recordType;

    EventType(String topic, Class<? extends MeshEvent> recordType) {
        this.topic = topic;
        this.recordType = recordType;
    }

    public String topic() {
        return topic;
    }

    public Class<? extends MeshEvent> recordType() {
        return recordType;
    }

    /** The CloudEvents {@code type} attribute, for example {@code io.autorecovery.faults.detected.v1}. */
    public String cloudEventType() {
        return "io.autorecovery." + topic + ".v1";
    }

    public static EventType ofTopic(String topic) {
        return Arrays.stream(values())
                .filter(type -> type.topic.equals(topic))
                .findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no event type travels on topic '" + topic + "'"));
    }

    public static EventType of(MeshEvent event) {
        return Arrays.stream(values())
                .filter(type -> type.recordType.isInstance(event))
                .findFirst()
                .orElseThrow(() -> new IllegalArgumentException("not a mesh event: " + event.getClass()));
    }
}
