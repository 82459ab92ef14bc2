-- Assignment (SPEC 11): a lead's owner, and who takes new leads in turn.

-- The staff member who owns the lead; NULL while nobody does. A removed account leaves its
-- leads unassigned rather than blocking the removal.
ALTER TABLE leads ADD COLUMN assigned_to uuid REFERENCES users (id) ON DELETE SET NULL;
-- The inbox's "Mine" reads a staff member's leads newest first from this index.
CREATE INDEX leads_assigned_idx ON leads (assigned_to, last_activity_at DESC, id);
-- "Unassigned" reads the leads nobody owns from this one.
CREATE INDEX leads_unassigned_idx ON leads (last_activity_at DESC, id) WHERE assigned_to IS NULL;

-- Staff marked "takes new leads" are given new leads in turn, the one whose turn is the oldest
-- first (assigned_turn: the number of the lead they were last given).
ALTER TABLE users ADD COLUMN takes_new_leads boolean NOT NULL DEFAULT false;
ALTER TABLE users ADD COLUMN assigned_turn bigint;
-- One row: the number of leads given so far. An intake that gives a lead locks it until it commits,
-- so the next intake, on any instance, reads whose turn it is after the previous one committed.
CREATE TABLE lead_assignment_turns (
    id     integer PRIMARY KEY CHECK (id = 1),
    turns  bigint  NOT NULL
);
INSERT INTO lead_assignment_turns (id, turns) VALUES (1, 0);
-- The owner's new-lead alert goes by SMS to this phone (E.164), when they set one.
ALTER TABLE users ADD COLUMN alert_phone varchar(20);
