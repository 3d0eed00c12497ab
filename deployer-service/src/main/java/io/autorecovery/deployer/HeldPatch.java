package io.autorecovery.deployer;

import java.util.UUID;

/** A patch the gate holds for a person's decision; one per incident, the latest proposal wins. */
public record HeldPatch(UUID incidentId, UUID patchId, String service, String commitSha, String status) {

    public static final String HELD = "HELD";
    public static final String RELEASED = "RELEASED";
    public static final String CLOSED = "CLOSED";

    /** Held because policy asks for a person's approval. */
    public static final String FOR_APPROVAL = "APPROVAL";
    /** Held because automation was paused when the patch arrived. */
    public static final String FOR_PAUSE = "PAUSED";
}
