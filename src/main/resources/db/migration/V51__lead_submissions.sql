-- Every submission from every lead source, the intake API included, with the body as received
-- (SPEC 9). A source's retry or replay of the same lead finds its row by (source, external_id)
-- and changes nothing. lead_id is the lead the submission created or was attached to; it is NULL
-- while the submission has no lead: no usable phone, a country the business does not text, a
-- source's test lead, or a Meta lead whose fields are still to be read from the Graph API.
CREATE TABLE lead_submissions (
    id               uuid         PRIMARY KEY,
    lead_id          uuid         REFERENCES leads (id) ON DELETE CASCADE,
    source           varchar(50)  NOT NULL,
    external_id      varchar(255),
    received_at      timestamptz  NOT NULL,
    payload          jsonb        NOT NULL,
    -- What became of it (the lead page and the sources page say it in words).
    outcome          varchar(30)  NOT NULL CHECK (outcome IN ('created', 'attached', 'no_phone',
                         'country_not_texted', 'test', 'awaiting_details')),
    -- What the connector read from the payload, for staff: the person's name, phone and e-mail as
    -- the source sent them, the job description, the source's questions and answers.
    name             text,
    phone            text,
    email            text,
    description      text,
    answers          jsonb        NOT NULL DEFAULT '[]'::jsonb,
    -- Meta only: the lead as the Graph API answered, and the reads tried so far.
    details          jsonb,
    detail_attempts  integer      NOT NULL DEFAULT 0,
    detail_error     text
);

-- SPEC 9: one submission per source and source's own lead ID; a replay claims nothing.
CREATE UNIQUE INDEX lead_submissions_source_external_id_key ON lead_submissions (source, external_id)
    WHERE external_id IS NOT NULL;
-- The lead page lists a lead's submissions; the sources page counts and dates each source's.
CREATE INDEX lead_submissions_lead_idx ON lead_submissions (lead_id, received_at) WHERE lead_id IS NOT NULL;
CREATE INDEX lead_submissions_source_idx ON lead_submissions (source, received_at);
-- Staff's list of submissions that reached no lead.
CREATE INDEX lead_submissions_unmatched_idx ON lead_submissions (received_at) WHERE lead_id IS NULL;

-- The last request each connector refused, and how many it has refused: one row per source, so
-- a flood of forged requests cannot grow the table.
CREATE TABLE source_refusals (
    source          varchar(50)  PRIMARY KEY,
    last_refused_at timestamptz  NOT NULL,
    reason          text         NOT NULL,
    refused_count   bigint       NOT NULL
);

-- Connector secrets (SPEC 3 settings angiApiKey, thumbtackUsername, thumbtackPassword,
-- googleAdsKey): SHA-256 hashes, never the secrets.
ALTER TABLE settings ADD COLUMN angi_api_key_hash text;
ALTER TABLE settings ADD COLUMN thumbtack_username_hash text;
ALTER TABLE settings ADD COLUMN thumbtack_password_hash text;
ALTER TABLE settings ADD COLUMN google_ads_key_hash text;
