-- Protections of the intake against a lead source turned against the business (SPEC 3).

-- An Idempotency-Key reused with a different request is refused (422): the key keeps a
-- fingerprint of its request. Keys stored before this version have none and still answer.
ALTER TABLE idempotency_keys ADD COLUMN request_hash char(64);

-- The intake rate per API key (intakeRatePerMinute), as a generic cell rate: the moment the
-- key's allowance would be whole again, moved on by one interval per lead.
CREATE TABLE intake_rates (
    client                  varchar(64) PRIMARY KEY,
    theoretical_arrival_at  timestamptz NOT NULL
);

-- The automatic texts of each clock hour (outboundHourlyCap), all leads together; full_at
-- records when the hour first refused one, so the staff are alerted once.
CREATE TABLE automatic_text_hours (
    hour_start  timestamptz PRIMARY KEY,
    texts       integer     NOT NULL CHECK (texts >= 0),
    full_at     timestamptz
);

-- The settings of these protections; NULL means the configured default (the business
-- country, 60 leads a minute, 300 automatic texts an hour).
ALTER TABLE settings
    ADD COLUMN allowed_countries      text,
    ADD COLUMN intake_rate_per_minute integer,
    ADD COLUMN outbound_hourly_cap    integer;

-- Staff are alerted when the cap pauses automatic texts.
ALTER TABLE staff_alerts DROP CONSTRAINT staff_alerts_event_check,
    ADD CONSTRAINT staff_alerts_event_check CHECK (event IN ('new_lead', 'reply', 'texts_paused'));
