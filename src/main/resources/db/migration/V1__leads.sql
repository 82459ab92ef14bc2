-- Leads, their conversation, and the webhook deduplication record (SPEC 4). Operators query
-- these names directly: keep them.

CREATE TABLE leads (
    id                  uuid        PRIMARY KEY,
    name                text        NOT NULL,
    phone               varchar(20) NOT NULL,
    email               text,
    source              text,
    message             text,
    external_id         text,
    status              varchar(20) NOT NULL DEFAULT 'new'
                        CHECK (status IN ('new', 'contacted', 'replied', 'won', 'lost')),
    closed_reason       text,
    closed_at           timestamptz,
    created_at          timestamptz NOT NULL,
    last_activity_at    timestamptz NOT NULL,
    last_inbound_at     timestamptz,
    staff_read_at       timestamptz,
    sequence_step       integer     NOT NULL DEFAULT 0,
    next_followup_at    timestamptz,
    sequence_paused_at  timestamptz,
    sequence_ended_reason text,
    sequence_expires_at timestamptz,
    last_sms_at         timestamptz,
    sms_count_today     integer     NOT NULL DEFAULT 0,
    sms_count_reset_at  timestamptz,
    opted_out_at        timestamptz,
    unreachable_at      timestamptz
);

-- One open lead per phone: a second intake of the same number finds the first (SPEC 3), across instances.
CREATE UNIQUE INDEX leads_open_phone_key ON leads (phone) WHERE status NOT IN ('won', 'lost');
CREATE INDEX leads_phone_idx ON leads (phone, created_at DESC);
-- The expiry pass reads only sequences that can still expire (SPEC 5.6).
CREATE INDEX idx_leads_sequence_expires_at ON leads (sequence_expires_at) WHERE status IN ('new', 'contacted');
-- The follow-up sweep reads only running sequences that are due (SPEC 5.2).
CREATE INDEX leads_due_followup_idx ON leads (next_followup_at)
    WHERE next_followup_at IS NOT NULL AND sequence_paused_at IS NULL;
CREATE INDEX leads_activity_idx ON leads (last_activity_at DESC, id);
CREATE INDEX leads_status_activity_idx ON leads (status, last_activity_at DESC, id);

CREATE TABLE messages (
    id                 uuid        PRIMARY KEY,
    lead_id            uuid        NOT NULL REFERENCES leads (id) ON DELETE CASCADE,
    direction          varchar(10) NOT NULL CHECK (direction IN ('outbound', 'inbound')),
    body               text        NOT NULL,
    status             varchar(20) NOT NULL
                       CHECK (status IN ('queued', 'sending', 'sent', 'delivered', 'undelivered',
                                         'failed', 'blocked', 'received', 'unknown')),
    provider_sid       varchar(64) UNIQUE,
    error_code         varchar(20),
    error_message      text,
    sequence_step      integer,
    sent_by_id         uuid,
    to_phone           varchar(20) NOT NULL,
    from_phone         varchar(40),
    attempts           integer     NOT NULL DEFAULT 0,
    next_attempt_at    timestamptz,
    sending_started_at timestamptz,
    sent_at            timestamptz,
    created_at         timestamptz NOT NULL,
    updated_at         timestamptz NOT NULL
);

CREATE INDEX messages_lead_idx ON messages (lead_id, created_at);
-- The dispatcher claims queued messages in due order (SPEC 5.9).
CREATE INDEX messages_queued_idx ON messages (next_attempt_at) WHERE status = 'queued';
-- Reconciliation finds messages left 'sending' by a crash.
CREATE INDEX messages_sending_idx ON messages (sending_started_at) WHERE status = 'sending';
CREATE INDEX messages_blocked_idx ON messages (created_at) WHERE status = 'blocked';

CREATE TABLE processed_webhooks (
    id           uuid         PRIMARY KEY,
    webhook_id   varchar(255) NOT NULL UNIQUE,
    webhook_type varchar(50)  NOT NULL CHECK (webhook_type IN ('twilio_inbound', 'twilio_status')),
    processed_at timestamptz  NOT NULL,
    expires_at   timestamptz  NOT NULL
);

CREATE INDEX processed_webhooks_expires_at_idx ON processed_webhooks (expires_at);
