-- Every rollout and rollback: who asked for it, what ran before, how it ended.
CREATE TABLE deployments (
    id                UUID PRIMARY KEY,
    incident_id       UUID,
    service           TEXT        NOT NULL,
    action            TEXT        NOT NULL,
    commit_sha        TEXT,
    image             TEXT,
    requested_by      TEXT        NOT NULL,
    reason            TEXT,
    status            TEXT        NOT NULL,
    outcome           TEXT,
    dry_run           BOOLEAN,
    revision          TEXT,
    previous_revision TEXT,
    detail            TEXT,
    requested_at      TIMESTAMPTZ NOT NULL DEFAULT now(),
    completed_at      TIMESTAMPTZ
);

CREATE INDEX deployments_by_service_time ON deployments (service, requested_at);
CREATE INDEX deployments_completed_by_service ON deployments (service, completed_at DESC) WHERE status = 'COMPLETED';
