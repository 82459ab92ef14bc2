-- Two-factor sign-in (SPEC 11 Accounts): TOTP (RFC 6238) with recovery codes, and the API tokens
-- that HTTP Basic needs instead of the password once an account has a second factor.

-- The authenticator's secret (Base32, as the QR code gave it), from the moment a code confirmed
-- it; the secret being set up waits in totp_pending_secret until then. totp_last_step is the
-- time step of the last code accepted: a code of that step or an earlier one is refused.
ALTER TABLE users ADD COLUMN totp_secret varchar(64);
ALTER TABLE users ADD COLUMN totp_pending_secret varchar(64);
ALTER TABLE users ADD COLUMN totp_enabled_at timestamptz;
ALTER TABLE users ADD COLUMN totp_last_step bigint;

-- Ten recovery codes per account, shown once, stored as SHA-256; each works once.
CREATE TABLE recovery_codes (
    user_id    uuid        NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    code_hash  char(64)    NOT NULL,
    used_at    timestamptz,
    PRIMARY KEY (user_id, code_hash)
);

-- Personal API tokens for HTTP Basic (the token as the password), shown once, stored as SHA-256.
CREATE TABLE staff_api_tokens (
    id            uuid        PRIMARY KEY,
    user_id       uuid        NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    name          text        NOT NULL,
    token_hash    char(64)    NOT NULL UNIQUE,
    token_prefix  varchar(12) NOT NULL,
    created_at    timestamptz NOT NULL,
    last_used_at  timestamptz,
    revoked_at    timestamptz
);
CREATE INDEX staff_api_tokens_user_idx ON staff_api_tokens (user_id, created_at);

-- The admins' setting that every account signs in with a second factor.
ALTER TABLE settings ADD COLUMN two_factor_required boolean;
