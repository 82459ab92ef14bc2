-- The inbox's unread count (SPEC 6, 7): the leads that texted in, newest first, so the count
-- walks the newest and stops at its cap instead of reading every lead that ever texted.
CREATE INDEX leads_last_inbound_idx ON leads (last_inbound_at DESC) WHERE last_inbound_at IS NOT NULL;
