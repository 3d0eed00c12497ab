-- Runbooks: what a fault class usually means and what fixes it.
CREATE TABLE runbooks (
    id          TEXT PRIMARY KEY,
    fault_class TEXT NOT NULL,
    title       TEXT NOT NULL,
    root_cause  TEXT NOT NULL,
    remediation TEXT NOT NULL
);

CREATE INDEX runbooks_by_fault_class ON runbooks (fault_class);

-- Incidents the service has diagnosed, so that later ones can be compared with them.
CREATE TABLE incident_memory (
    incident_id UUID PRIMARY KEY,
    fingerprint TEXT        NOT NULL,
    service     TEXT        NOT NULL,
    fault_class TEXT        NOT NULL,
    title       TEXT        NOT NULL,
    recorded_at TIMESTAMPTZ NOT NULL DEFAULT now()
);

CREATE INDEX incident_memory_by_fingerprint ON incident_memory (fingerprint);
CREATE INDEX incident_memory_by_class ON incident_memory (service, fault_class);

-- The analysis given for each incident.
CREATE TABLE analyses (
    incident_id UUID PRIMARY KEY REFERENCES incident_memory (incident_id),
    root_cause  TEXT             NOT NULL,
    remediation TEXT             NOT NULL,
    confidence  DOUBLE PRECISION NOT NULL,
    method      TEXT             NOT NULL,
    evidence    JSONB            NOT NULL,
    similar_incidents JSONB      NOT NULL,
    created_at  TIMESTAMPTZ      NOT NULL DEFAULT now()
);

-- How each fix ended once deployed: the learning loop's raw material.
CREATE TABLE fix_outcomes (
    deployment_id UUID PRIMARY KEY,
    incident_id   UUID,
    service       TEXT        NOT NULL,
    outcome       TEXT        NOT NULL,
    dry_run       BOOLEAN     NOT NULL,
    recorded_at   TIMESTAMPTZ NOT NULL DEFAULT now()
);

CREATE INDEX fix_outcomes_by_incident ON fix_outcomes (incident_id);
