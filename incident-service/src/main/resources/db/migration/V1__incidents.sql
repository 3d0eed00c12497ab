-- One row per incident: what broke, how often, and where it stands.
CREATE TABLE incidents (
    id          UUID PRIMARY KEY,
    fingerprint TEXT        NOT NULL,
    service     TEXT        NOT NULL,
    title       TEXT        NOT NULL,
    fault_class TEXT        NOT NULL,
    severity    TEXT        NOT NULL,
    status      TEXT        NOT NULL,
    occurrences BIGINT      NOT NULL,
    first_seen  TIMESTAMPTZ NOT NULL,
    last_seen   TIMESTAMPTZ NOT NULL,
    samples     JSONB       NOT NULL DEFAULT '[]',
    created_at  TIMESTAMPTZ NOT NULL DEFAULT now(),
    updated_at  TIMESTAMPTZ NOT NULL DEFAULT now()
);

-- A fingerprint has at most one incident that is not resolved yet.
CREATE UNIQUE INDEX incidents_open_fingerprint ON incidents (fingerprint) WHERE status <> 'RESOLVED';
CREATE INDEX incidents_recent ON incidents (created_at DESC);

-- Everything that happened to an incident, in order: pipeline events and human actions.
CREATE TABLE incident_timeline (
    id          BIGSERIAL PRIMARY KEY,
    incident_id UUID        NOT NULL REFERENCES incidents (id),
    at          TIMESTAMPTZ NOT NULL,
    status      TEXT        NOT NULL,
    event       TEXT        NOT NULL,
    detail      TEXT,
    actor       TEXT        NOT NULL,
    event_id    UUID
);

CREATE INDEX incident_timeline_by_incident ON incident_timeline (incident_id, id);
