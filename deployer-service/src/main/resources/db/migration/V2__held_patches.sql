-- Patches the gate holds until a person decides: HELD, then RELEASED (deploy requested) or CLOSED.
CREATE TABLE held_patches (
    incident_id UUID PRIMARY KEY,
    patch_id    UUID        NOT NULL,
    service     TEXT        NOT NULL,
    commit_sha  TEXT,
    reason      TEXT        NOT NULL,
    status      TEXT        NOT NULL,
    held_at     TIMESTAMPTZ NOT NULL DEFAULT now(),
    decided_at  TIMESTAMPTZ,
    decided_by  TEXT
);
