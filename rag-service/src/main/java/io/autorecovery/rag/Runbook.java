package io.autorecovery.rag;

import io.autorecovery.contracts.FaultClass;

/** What a fault class usually means and what fixes it. */
public record Runbook(String id, FaultClass faultClass, String title, String rootCause, String remediation) {}
