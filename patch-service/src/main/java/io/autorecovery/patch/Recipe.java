package io.autorecovery.patch;

/**
 * A runbook remediation that can be written as a change: one setting of one file moves from a
 * known value to a safer one.
 */
public record Recipe(String file, String setting, String before, String after, String summary) {

    /** The change as a unified diff of the single line it touches. */
    public String diff() {
        return "--- a/" + file + "\n"
                + "+++ b/" + file + "\n"
                + "@@ -1 +1 @@\n"
                + "-" + setting + "=" + before + "\n"
                + "+" + setting + "=" + after + "\n";
    }
}
