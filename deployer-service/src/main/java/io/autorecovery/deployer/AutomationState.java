package io.autorecovery.deployer;

import java.time.Instant;

/**
 * Whether automatic deploys are paused, and why.
 *
 * @param paused whether the gate holds every automatic deploy (switch or static setting)
 * @param switchedOff whether an operator paused automation at run time
 * @param pausedByConfig whether the static setting {@code deployer.paused} pauses it
 * @param changedBy who last turned the switch, null if nobody has
 * @param changedAt when the switch was last turned
 * @param reason the reason given with the last change
 */
public record AutomationState(
        boolean paused,
        boolean switchedOff,
        boolean pausedByConfig,
        String changedBy,
        Instant changedAt,
        String reason) {}
