-- Outbound webhooks (SPEC 11): the endpoints admins register, the events as they were written in
-- the transaction of the change (the outbox), and one delivery of each event to each endpoint that
-- takes it, with where it stands. The endpoint-disabled staff alert is in R__staff_alert_events.sql.

-- An endpoint: its URL, the events it takes, its signing secret (whsec_ + base64, shown once;
-- kept as is because every delivery is signed with it), and since when every attempt has failed.
CREATE TABLE webhook_endpoints (
    id              uuid        PRIMARY KEY,
    url             text        NOT NULL,
    events          text[]      NOT NULL,
    secret          text        NOT NULL,
    created_at      timestamptz NOT NULL,
    failing_since   timestamptz,
    disabled_at     timestamptz,
    disabled_reason text
);

-- One event: its webhook-id (the same on every attempt and every resend), its type, its lead, its
-- place in that lead's order, and the exact JSON body that is signed and sent.
CREATE TABLE webhook_events (
    id         varchar(40) PRIMARY KEY,
    type       varchar(40) NOT NULL,
    lead_id    uuid,
    lead_seq   bigint,
    body       text        NOT NULL,
    created_at timestamptz NOT NULL
);

-- The order of a lead's events: taken with an upsert that locks the lead's row until the event's
-- transaction ends, so two transactions raising events for one lead number them in commit order.
CREATE TABLE webhook_lead_order (
    lead_id  uuid   PRIMARY KEY,
    last_seq bigint NOT NULL
);

-- One event to one endpoint: pending -> sending (claimed, with a lease) -> delivered, or back to
-- pending with a later next_attempt_at after a failure. lead_id and lead_seq are the event's,
-- copied here so that "the head of a lead's queue" is one index lookup.
CREATE TABLE webhook_deliveries (
    id              uuid        PRIMARY KEY,
    event_id        varchar(40) NOT NULL REFERENCES webhook_events (id) ON DELETE CASCADE,
    endpoint_id     uuid        NOT NULL REFERENCES webhook_endpoints (id) ON DELETE CASCADE,
    lead_id         uuid,
    lead_seq        bigint,
    status          varchar(20) NOT NULL DEFAULT 'pending'
                    CHECK (status IN ('pending', 'sending', 'delivered')),
    attempts        integer     NOT NULL DEFAULT 0,
    next_attempt_at timestamptz NOT NULL,
    lease_until     timestamptz,
    last_attempt_at timestamptz,
    response_code   integer,
    last_error      text,
    delivered_at    timestamptz,
    created_at      timestamptz NOT NULL,
    UNIQUE (event_id, endpoint_id)
);

-- The delivery pass finds due work per endpoint.
CREATE INDEX webhook_deliveries_due_idx ON webhook_deliveries (endpoint_id, next_attempt_at)
    WHERE status <> 'delivered';
-- In order per lead: an earlier undelivered event of the same lead and endpoint holds the later ones.
CREATE INDEX webhook_deliveries_lead_order_idx ON webhook_deliveries (endpoint_id, lead_id, lead_seq)
    WHERE status <> 'delivered';
-- The delivery log, newest first; and the removal of old delivered ones.
CREATE INDEX webhook_deliveries_log_idx ON webhook_deliveries (endpoint_id, created_at DESC);
CREATE INDEX webhook_events_created_idx ON webhook_events (created_at);
