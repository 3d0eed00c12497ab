-- Knowledge documents: past incidents, runbooks (Markdown with front matter) and fixes, with the
-- embedding vector of each cached beside it so that the search index rebuilds without re-embedding.
CREATE TABLE documents (
    id              TEXT PRIMARY KEY,
    kind            TEXT        NOT NULL CHECK (kind IN ('past-incident', 'runbook', 'fix')),
    title           TEXT        NOT NULL,
    body            TEXT        NOT NULL,
    fault_classes   TEXT[]      NOT NULL DEFAULT '{}',
    signature       TEXT,
    service         TEXT,
    root_cause      TEXT,
    remediation     TEXT,
    recipe          JSONB,
    status          TEXT        NOT NULL DEFAULT 'untried'
                                CHECK (status IN ('verified', 'untried', 'reverted')),
    incident_id     UUID,
    origin          TEXT        NOT NULL,
    embedding       BYTEA,
    embedding_model TEXT,
    updated_at      TIMESTAMPTZ NOT NULL DEFAULT now()
);

CREATE INDEX documents_by_kind ON documents (kind);
CREATE INDEX documents_by_signature ON documents (signature);
CREATE INDEX documents_by_incident ON documents (incident_id);

-- Deletions leave a mark so that other replicas see their index is stale.
CREATE TABLE knowledge_changes (
    id         BIGSERIAL PRIMARY KEY,
    changed_at TIMESTAMPTZ NOT NULL DEFAULT now()
);

-- The starter runbooks now ship as Markdown documents in the service and load at first start.
DROP TABLE runbooks;

-- The fault class an analysis settled on (the incident's, or the best match's when it had none).
ALTER TABLE analyses ADD COLUMN fault_class TEXT;
