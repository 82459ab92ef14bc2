-- The Meta Lead Ads forms this service has had a webhook for, read back from the Graph API
-- (GET /{form_id}/leads) every facebook.backfill-interval to fill a gap: a lead whose webhook never
-- came, the service down for longer than Meta retries (SPEC 9: never lost). A form is read back
-- only from the time its first webhook came here, so a new installation never texts the form's
-- older leads. A lead read back that the webhook already brought is a replay of its submission
-- (lead_submissions' unique source and external ID) and changes nothing.
CREATE TABLE facebook_forms (
    form_id        varchar(100) PRIMARY KEY,
    first_seen_at  timestamptz  NOT NULL,
    -- The form's leads created before this were read back (or came before the form was seen).
    read_until     timestamptz  NOT NULL,
    -- When the next read-back is due; claimed by one instance (SKIP LOCKED) and moved on.
    next_read_at   timestamptz  NOT NULL,
    last_read_at   timestamptz,
    -- Why the last read-back stopped short (the token? Graph's answer?), for operators.
    last_error     text
);
CREATE INDEX facebook_forms_next_read_idx ON facebook_forms (next_read_at);
