package io.autorecovery.dashboard.projection;

/** Names of the Redis keys that hold the views; every one starts with {@code dashboard:}. */
final class ProjectionKeys {

    /** Sorted set of incident ids, scored by when each was opened (epoch milliseconds). */
    static final String INCIDENTS = "dashboard:incidents";
    /** Sorted set of deployment ids, scored by when each was requested. */
    static final String DEPLOYS = "dashboard:deploys";
    /** Hash of topic to the number of events seen on it. */
    static final String STAGE_COUNTS = "dashboard:stats:stages";
    /** Hash of {@code <measure>[:<service>]:sum|count} in milliseconds. */
    static final String DURATIONS = "dashboard:stats:durations";

    private ProjectionKeys() {}

    static String incident(String incidentId) {
        return "dashboard:incident:" + incidentId;
    }

    static String timeline(String incidentId) {
        return "dashboard:timeline:" + incidentId;
    }

    static String faults(String fingerprint) {
        return "dashboard:faults:" + fingerprint;
    }

    static String deploy(String deploymentId) {
        return "dashboard:deploy:" + deploymentId;
    }
}
