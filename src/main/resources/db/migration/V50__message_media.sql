-- Photos and other media of a message (SPEC 10). Inbound items are recorded with the message,
-- as 'pending' with Twilio's URL, and downloaded after the webhook's answer; outbound items are
-- stored with the message staff send. Kept in PostgreSQL so every instance serves them and a
-- database backup holds them.
CREATE TABLE message_media (
    id            uuid        PRIMARY KEY,
    message_id    uuid        NOT NULL REFERENCES messages (id) ON DELETE CASCADE,
    position      smallint    NOT NULL,
    content_type  varchar(100) NOT NULL,
    size_bytes    integer,
    content       bytea,
    provider_url  text,
    status        varchar(10) NOT NULL CHECK (status IN ('pending', 'stored', 'failed')),
    error_message text,
    attempts      integer     NOT NULL DEFAULT 0,
    created_at    timestamptz NOT NULL,
    updated_at    timestamptz NOT NULL,
    UNIQUE (message_id, position)
);

-- The retention pass removes the oldest media first.
CREATE INDEX message_media_created_idx ON message_media (created_at);

-- The key media links are signed with (SPEC 10: Twilio fetches outbound media without a login),
-- made once by the first instance to start, shared by all.
CREATE TABLE signing_keys (
    name       varchar(50) PRIMARY KEY,
    secret     bytea       NOT NULL,
    created_at timestamptz NOT NULL
);

ALTER TABLE settings ADD COLUMN media_retention_days integer;
