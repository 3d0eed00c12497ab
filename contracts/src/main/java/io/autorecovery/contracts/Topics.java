package io.autorecovery.contracts;

/** Kafka topic names of the mesh. Channels carry the same names as their topics. */
public final class Topics {

    public static final String LOGS_RAW = "logs.raw";
    public static final String FAULTS_DETECTED = "faults.detected";
    public static final String INCIDENTS_CREATED = "incidents.created";
    public static final String INCIDENTS_UPDATED = "incidents.updated";
    public static final String ANALYSIS_COMPLETED = "analysis.completed";
    public static final String PATCH_PROPOSED = "patch.proposed";
    public static final String DEPLOY_REQUESTED = "deploy.requested";
    public static final String DEPLOY_COMPLETED = "deploy.completed";

    /** Suffix of the dead-letter topic that holds the records a consumer of a topic could not read. */
    public static final String DEAD_LETTER_SUFFIX = ".dlq";

    private Topics() {}

    public static String deadLetter(String topic) {
        return topic + DEAD_LETTER_SUFFIX;
    }
}
