-- The events a staff alert may report (SPEC 5.12, 8, 11). One list, kept here: a feature that
-- adds an event adds it to this list, and Flyway re-applies this file after the versioned
-- migrations whenever it changes.
ALTER TABLE staff_alerts DROP CONSTRAINT IF EXISTS staff_alerts_event_check;
ALTER TABLE staff_alerts ADD CONSTRAINT staff_alerts_event_check
    CHECK (event IN ('new_lead', 'reply', 'missed_call', 'texts_paused', 'webhook_disabled'));
