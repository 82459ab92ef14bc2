-- Two indexes on leads that no statement needs, each maintained on every update of a lead (a
-- reply, a text sent, a status change: none of these updates is HOT, so every index of the row
-- gets an entry):
-- - leads_unread_activity_idx served the shared "unread" filter of the first inbox; unread is per
--   staff member since V20/V74 (lead_reads, leads_last_inbound_idx), and no query has its
--   predicate (last_inbound_at and staff_read_at) any more;
-- - leads_created_at_idx (created_at) is a prefix of leads_created_idx (created_at, id, V56),
--   which serves every query by creation time (the dashboard's ranges, the CSV export's pages).
DROP INDEX IF EXISTS leads_unread_activity_idx;
DROP INDEX IF EXISTS leads_created_at_idx;
