-- Quick replies (SPEC 11): saved texts with merge fields, managed by admins, inserted in the
-- composer with one click or a "/" shortcut. The shortcut is what staff type after "/".
CREATE TABLE quick_replies (
    id         uuid         PRIMARY KEY,
    shortcut   varchar(40)  NOT NULL UNIQUE,
    body       text         NOT NULL,
    created_at timestamptz  NOT NULL
);
