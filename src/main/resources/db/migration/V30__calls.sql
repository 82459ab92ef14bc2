-- Phone calls (SPEC 8): each call to the business's Twilio number, its outcome, its voicemail and
-- its missed-call text; the once-per-caller window of missed-call texts; the voice webhooks'
-- exactly-once records; the missed-call staff alert; the settings of calls.

-- One row per call, found by Twilio's CallSid. A dial-status or recording callback for a call never
-- seen is stored too (SPEC 8: nothing is dropped), so lead_id, from_phone and to_phone may be
-- unknown; the missed-call text's own columns say where it stands and why it was not sent.
CREATE TABLE calls (
    id                           uuid        PRIMARY KEY,
    lead_id                      uuid        REFERENCES leads (id) ON DELETE CASCADE,
    call_sid                     varchar(64) NOT NULL UNIQUE,
    from_phone                   varchar(40),
    to_phone                     varchar(40),
    status                       varchar(20) NOT NULL CHECK (status IN ('ringing', 'answered', 'missed')),
    dial_status                  varchar(20),
    started_at                   timestamptz NOT NULL,
    ended_at                     timestamptz,
    duration_seconds             integer,
    recording_sid                varchar(64),
    recording_url                text,
    recording_duration_seconds   integer,
    missed_text_message_id       uuid        REFERENCES messages (id) ON DELETE SET NULL,
    missed_text_status           varchar(20) CHECK (missed_text_status IN ('pending', 'queued', 'blocked',
                                                                           'cancelled')),
    missed_text_due_at           timestamptz,
    missed_text_reason           text
);

-- A lead's calls in time order (the lead JSON, the conversation).
CREATE INDEX calls_lead_idx ON calls (lead_id, started_at);
-- "Was the caller reached, or is the caller on the line?" before a missed-call text goes (SPEC 8).
CREATE INDEX calls_from_phone_idx ON calls (from_phone, started_at);

-- At most one missed-call text per number per window (SPEC 8): one row per number, taken by the
-- call whose text goes, with a conditional upsert (CallRepository.claimTextWindow), so two missed
-- calls on two instances can never both text.
CREATE TABLE missed_call_texts (
    phone     varchar(40) PRIMARY KEY,
    call_id   uuid        NOT NULL,
    texted_at timestamptz NOT NULL
);

ALTER TABLE processed_webhooks DROP CONSTRAINT processed_webhooks_webhook_type_check;
ALTER TABLE processed_webhooks ADD CONSTRAINT processed_webhooks_webhook_type_check
    CHECK (webhook_type IN ('twilio_inbound', 'twilio_status', 'twilio_voice', 'twilio_dial', 'twilio_recording'));

ALTER TABLE staff_alerts DROP CONSTRAINT staff_alerts_event_check;
ALTER TABLE staff_alerts ADD CONSTRAINT staff_alerts_event_check
    CHECK (event IN ('new_lead', 'reply', 'missed_call'));

ALTER TABLE settings
    ADD COLUMN staff_phones                     text,
    ADD COLUMN ring_seconds                     integer,
    ADD COLUMN voicemail_enabled                boolean,
    ADD COLUMN voicemail_greeting               text,
    ADD COLUMN missed_call_template             text,
    ADD COLUMN missed_call_delay_seconds        integer,
    ADD COLUMN missed_call_window_hours         integer,
    ADD COLUMN quiet_hours_apply_to_missed_call boolean;
