-- Staff accounts, intake API keys, intake idempotency, editable settings and the follow-up sequence.

CREATE TABLE users (
    id            uuid        PRIMARY KEY,
    email         text        NOT NULL,
    name          text        NOT NULL,
    password_hash text        NOT NULL,
    role          varchar(10) NOT NULL CHECK (role IN ('admin', 'agent')),
    enabled       boolean     NOT NULL DEFAULT true,
    created_at    timestamptz NOT NULL
);
CREATE UNIQUE INDEX users_email_key ON users (lower(email));

CREATE TABLE api_keys (
    id          uuid        PRIMARY KEY,
    name        text        NOT NULL,
    key_hash    char(64)    NOT NULL UNIQUE,
    key_prefix  varchar(12) NOT NULL,
    created_at  timestamptz NOT NULL,
    revoked_at  timestamptz
);

-- A retried intake with the same Idempotency-Key returns the first answer (SPEC 3).
CREATE TABLE idempotency_keys (
    idempotency_key varchar(255) NOT NULL,
    client          varchar(64)  NOT NULL,
    lead_id         uuid         NOT NULL,
    response_status integer      NOT NULL,
    created_at      timestamptz  NOT NULL,
    PRIMARY KEY (client, idempotency_key)
);
CREATE INDEX idempotency_keys_created_idx ON idempotency_keys (created_at);

-- One row; a NULL column means "use the configured default" (SPEC 2: UI settings override env).
CREATE TABLE settings (
    id                         integer PRIMARY KEY CHECK (id = 1),
    business_name              text,
    business_timezone          text,
    business_country           varchar(2),
    min_sms_interval_seconds   integer,
    daily_sms_limit            integer,
    sequence_expiry_days       integer,
    expiry_batch_size          integer,
    webhook_retention_hours    integer,
    quiet_hours_start          time,
    quiet_hours_end            time,
    quiet_hours_apply_to_instant boolean,
    alert_phones               text,
    alert_emails               text,
    updated_at                 timestamptz
);
INSERT INTO settings (id) VALUES (1);

CREATE TABLE sequence_steps (
    step_number    integer PRIMARY KEY CHECK (step_number >= 1),
    delay_minutes  integer NOT NULL CHECK (delay_minutes >= 0),
    template       text    NOT NULL
);
INSERT INTO sequence_steps (step_number, delay_minutes, template) VALUES
 (1, 0,     'Hi {firstName}, thanks for reaching out to {businessName}! We got your request and will call you shortly. Reply here any time with questions.'),
 (2, 1440,  'Hi {firstName}, just following up from {businessName}. When is a good time to talk about your project?'),
 (3, 4320,  'Hi {firstName}, {businessName} here. Happy to give you a quote for your boring or utility install. Any questions we can answer?'),
 (4, 10080, 'Hi {firstName}, still planning your project? {businessName} has openings this month. Reply and we will set up a visit.'),
 (5, 20160, 'Hi {firstName}, last check-in from {businessName}. If you still need help, just reply to this text.');
