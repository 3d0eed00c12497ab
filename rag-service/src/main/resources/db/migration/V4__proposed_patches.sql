-- The latest patch proposed for each diagnosed incident, so that a fix learned from its deploy
-- carries the change that was deployed, not only how the deploy ended.
CREATE TABLE proposed_patches (
    incident_id      UUID PRIMARY KEY,
    patch_id         UUID        NOT NULL,
    summary          TEXT,
    pull_request_url TEXT,
    diff             TEXT        NOT NULL,
    proposed_at      TIMESTAMPTZ NOT NULL
);
