-- A timeline entry may record a step the lifecycle refused (why, in rejected_because), and may
-- point at an earlier entry it follows from: a reopening names the resolution it undoes.
ALTER TABLE incident_timeline ADD COLUMN rejected_because TEXT;
ALTER TABLE incident_timeline ADD COLUMN follows BIGINT REFERENCES incident_timeline (id);

-- Filters and keyset pages of the incident list.
CREATE INDEX incidents_by_status ON incidents (status, created_at DESC, id);
CREATE INDEX incidents_by_service ON incidents (service, created_at DESC, id);
CREATE INDEX incidents_by_last_seen ON incidents (last_seen DESC, id);
CREATE INDEX incidents_resolved_fingerprint ON incidents (fingerprint, updated_at DESC) WHERE status = 'RESOLVED';
