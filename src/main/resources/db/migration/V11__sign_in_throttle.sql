-- The sign-in throttle (SPEC 11): failed and in-flight sign-in attempts by account (the e-mail as
-- typed, lower-cased, whether or not it has an account) and by client address, shared by every
-- instance. An attempt is admitted by one conditional upsert on each key (SignInThrottle.admit).
CREATE TABLE sign_in_attempts (
    key_kind        varchar(10) NOT NULL CHECK (key_kind IN ('account', 'address')),
    key_value       text        NOT NULL,
    failures        integer     NOT NULL DEFAULT 0,
    last_failure_at timestamptz,
    pending         integer     NOT NULL DEFAULT 0,
    last_attempt_at timestamptz NOT NULL,
    PRIMARY KEY (key_kind, key_value)
);

-- The periodic pass forgets keys without an attempt for a day.
CREATE INDEX sign_in_attempts_last_attempt_idx ON sign_in_attempts (last_attempt_at);
