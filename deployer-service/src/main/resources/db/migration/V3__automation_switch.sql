-- The runtime pause switch of automatic deploys: one row, changed by operators through the API.
CREATE TABLE automation_switch (
    id         SMALLINT PRIMARY KEY CHECK (id = 1),
    paused     BOOLEAN     NOT NULL,
    changed_by TEXT,
    changed_at TIMESTAMPTZ,
    reason     TEXT
);

INSERT INTO automation_switch (id, paused) VALUES (1, FALSE);

-- Why a patch waits: APPROVAL (policy asks for a person) or PAUSED (automation was paused).
ALTER TABLE held_patches ADD COLUMN held_for TEXT NOT NULL DEFAULT 'APPROVAL';
