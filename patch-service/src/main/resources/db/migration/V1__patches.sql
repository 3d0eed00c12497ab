-- Every patch attempt: what it changes, whether it passed validation, and what came of it.
CREATE TABLE patches (
    id                UUID PRIMARY KEY,
    incident_id       UUID        NOT NULL UNIQUE,
    service           TEXT        NOT NULL,
    fault_class       TEXT        NOT NULL,
    outcome           TEXT        NOT NULL,
    summary           TEXT        NOT NULL,
    diff              TEXT,
    validated         BOOLEAN     NOT NULL,
    approval_required BOOLEAN     NOT NULL,
    created_at        TIMESTAMPTZ NOT NULL DEFAULT now()
);

CREATE INDEX patches_by_service_time ON patches (service, created_at);
