package io.autorecovery.contracts;

/** What patching an incident produced. */
public enum PatchOutcome {
    /** A validated change sits on a branch or a pull request. */
    PROPOSED,
    /** No change passed the safety rails; a person has to look. */
    NO_SAFE_PATCH
}
