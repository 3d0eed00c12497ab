package io.autorecovery.contracts;

/** What a deploy command asks for. */
public enum DeployAction {
    ROLL_OUT,
    ROLL_BACK
}
