-- The inbox as staff live in it (SPEC 6 "Working the inbox every day").

-- Needs reply: since when the lead's latest texts wait for a staff answer (the first text no staff
-- text has answered yet); NULL when nothing waits. Opening the lead does not change it.
ALTER TABLE leads ADD COLUMN awaiting_reply_since timestamptz;
-- The lead's first text that is a reply, not an opt-out keyword: the dashboard's reply rate.
ALTER TABLE leads ADD COLUMN replied_at timestamptz;
-- Leads that predate this column and texted in without opting out replied when they last did.
UPDATE leads SET replied_at = last_inbound_at WHERE last_inbound_at IS NOT NULL AND opted_out_at IS NULL;
-- The "Needs reply" filter reads waiting leads oldest first from this index.
CREATE INDEX leads_awaiting_reply_idx ON leads (awaiting_reply_since, id) WHERE awaiting_reply_since IS NOT NULL;

-- Read state per staff member: when each last read each lead, or that they marked it unread.
CREATE TABLE lead_reads (
    user_id        uuid        NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    lead_id        uuid        NOT NULL REFERENCES leads (id) ON DELETE CASCADE,
    read_at        timestamptz,
    marked_unread  boolean     NOT NULL DEFAULT false,
    PRIMARY KEY (user_id, lead_id)
);

-- What happened to a lead besides its texts, in its conversation: internal notes (never texted)
-- and status events (won, lost with reason, reopened, sequence paused, resumed), with who did it.
-- A close keeps what it ended (the status before, the follow-up that was due) so it can be undone.
CREATE TABLE lead_history (
    id             uuid        PRIMARY KEY,
    lead_id        uuid        NOT NULL REFERENCES leads (id) ON DELETE CASCADE,
    kind           varchar(20) NOT NULL
                   CHECK (kind IN ('note', 'won', 'lost', 'reopened', 'paused', 'resumed')),
    body           text,
    actor_id       uuid        REFERENCES users (id) ON DELETE SET NULL,
    from_status    varchar(20),
    followup_at    timestamptz,
    created_at     timestamptz NOT NULL
);
CREATE INDEX lead_history_lead_idx ON lead_history (lead_id, created_at);

-- A text staff asked to go when the rate limit allows (SPEC 3 whenAllowed): queued with no
-- next_attempt_at until its slot is reserved at scheduled_for; scheduled_for stays as asked.
ALTER TABLE messages ADD COLUMN scheduled_for timestamptz;
-- One submit per tap: the composer's key of one send; a second post with it stores nothing.
ALTER TABLE messages ADD COLUMN send_key uuid UNIQUE;

-- The first sign-in's setup checklist, until the staff member puts it away.
ALTER TABLE users ADD COLUMN setup_dismissed_at timestamptz;

-- Web Push: the service's VAPID key pair (RFC 8292), made once at the first start by whichever
-- instance gets there first, and each staff member's push subscriptions (one per browser).
CREATE TABLE push_keys (
    id           integer     PRIMARY KEY CHECK (id = 1),
    public_key   text        NOT NULL,
    private_key  text        NOT NULL,
    created_at   timestamptz NOT NULL
);

CREATE TABLE push_subscriptions (
    id           uuid        PRIMARY KEY,
    user_id      uuid        NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    endpoint     text        NOT NULL UNIQUE,
    p256dh       text        NOT NULL,
    auth         text        NOT NULL,
    created_at   timestamptz NOT NULL,
    last_sent_at timestamptz
);
CREATE INDEX push_subscriptions_user_idx ON push_subscriptions (user_id);
