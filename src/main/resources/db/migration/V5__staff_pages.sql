-- Indexes of the staff pages (SPEC 6, 7): the inbox reads unread replies first without scanning
-- leads, and the dashboard reads only its period.

-- The inbox's "unread replies first" half: leads with a reply staff have not opened, newest first.
CREATE INDEX leads_unread_activity_idx ON leads (last_activity_at DESC, id)
    WHERE last_inbound_at IS NOT NULL AND (staff_read_at IS NULL OR staff_read_at < last_inbound_at);
-- Dashboard: leads per day, speed to lead and reply rate over a period.
CREATE INDEX leads_created_at_idx ON leads (created_at);
-- Dashboard: sequences closed because they ran out (SPEC 5.6), by day closed.
CREATE INDEX leads_expired_closed_at_idx ON leads (closed_at) WHERE closed_reason LIKE 'Sequence expired%';

-- Inbox search by a fragment of a name or phone (ILIKE '%...%') reads trigram indexes instead of
-- scanning leads (SPEC 7). pg_trgm ships with PostgreSQL (contrib) and the embedded server; where a
-- server lacks it or the role may not create it, search still works, only slower.
DO $$
BEGIN
    CREATE EXTENSION IF NOT EXISTS pg_trgm;
    CREATE INDEX leads_name_trgm_idx ON leads USING gin (name gin_trgm_ops);
    CREATE INDEX leads_phone_trgm_idx ON leads USING gin (phone gin_trgm_ops);
EXCEPTION WHEN OTHERS THEN
    RAISE NOTICE 'pg_trgm is not available (%): inbox search scans leads', SQLERRM;
END
$$;
