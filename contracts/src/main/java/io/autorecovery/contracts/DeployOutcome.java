package io.autorecovery.contracts;

/** How a deploy ended. */
public enum DeployOutcome {
    SUCCEEDED,
    FAILED,
    ROLLED_BACK
}
