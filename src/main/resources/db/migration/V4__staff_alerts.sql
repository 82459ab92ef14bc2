-- Staff alerts (SPEC 5.12): an outbox written in the transaction of the event it reports (a
-- new lead, a reply), delivered after commit by SMS or e-mail, and settled like messages:
-- queued -> sending -> sent | failed | unknown. Alerts are not lead messages: they never
-- count toward a lead's SMS limits and do not show in its conversation.
CREATE TABLE staff_alerts (
    id                 uuid        PRIMARY KEY,
    lead_id            uuid        REFERENCES leads (id) ON DELETE CASCADE,
    event              varchar(20) NOT NULL CHECK (event IN ('new_lead', 'reply')),
    channel            varchar(10) NOT NULL CHECK (channel IN ('sms', 'email')),
    recipient          text        NOT NULL,
    subject            text,
    body               text        NOT NULL,
    status             varchar(20) NOT NULL DEFAULT 'queued'
                       CHECK (status IN ('queued', 'sending', 'sent', 'failed', 'unknown')),
    attempts           integer     NOT NULL DEFAULT 0,
    next_attempt_at    timestamptz NOT NULL,
    sending_started_at timestamptz,
    provider_sid       varchar(64) UNIQUE,
    error_message      text,
    created_at         timestamptz NOT NULL,
    updated_at         timestamptz NOT NULL
);

-- The delivery pass claims queued alerts in due order.
CREATE INDEX staff_alerts_queued_idx ON staff_alerts (next_attempt_at) WHERE status = 'queued';
-- Reconciliation finds alerts left 'sending' by a crash.
CREATE INDEX staff_alerts_sending_idx ON staff_alerts (sending_started_at) WHERE status = 'sending';
CREATE INDEX staff_alerts_lead_idx ON staff_alerts (lead_id);
