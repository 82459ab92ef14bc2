-- The inbox search (SPEC 6: by name or phone) looks for a fragment anywhere in the name or the
-- phone (ILIKE '%...%'); a b-tree cannot answer that, so without these every search read all
-- leads. Trigram indexes answer it at any size. pg_trgm ships with PostgreSQL (contrib) and is a
-- trusted extension: the database owner may create it, also on managed PostgreSQL services.
CREATE EXTENSION IF NOT EXISTS pg_trgm;
CREATE INDEX leads_name_trgm_idx ON leads USING gin (name gin_trgm_ops);
CREATE INDEX leads_phone_trgm_idx ON leads USING gin (phone gin_trgm_ops);
