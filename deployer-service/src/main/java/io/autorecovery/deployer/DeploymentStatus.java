package io.autorecovery.deployer;

/** Where a deployment stands in the deployer. */
public enum DeploymentStatus {
    REQUESTED,
    COMPLETED
}
