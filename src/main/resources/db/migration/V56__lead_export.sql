-- The CSV export (SPEC 9) reads every lead a page at a time in creation order (keyset on
-- created_at, id): each page is an index range, not a sort of the whole table.
CREATE INDEX leads_created_idx ON leads (created_at, id);
