package io.autorecovery.dashboard.projection;

/** The durations the dashboard averages, overall and per service. */
public enum Measure {
    /** From the fault's first log line to the incident being opened. */
    DETECT("detect"),
    /** From the incident being opened to the first patch proposal. */
    PROPOSE("propose"),
    /** From the incident being opened to its first resolution. */
    RESOLVE("resolve");

    private final String code;

    Measure(String code) {
        this.code = code;
    }

    public String code() {
        return code;
    }
}
