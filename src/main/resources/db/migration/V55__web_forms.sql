-- The hosted web forms (SPEC 9): GET|POST /forms/{slug}, the lead's source is the form's name.
-- Name and phone are always asked; e-mail, address or ZIP and the job description are each
-- hidden, optional or required, as the admin sets them in Settings, Forms.
CREATE TABLE web_forms (
    id            uuid         PRIMARY KEY,
    slug          varchar(40)  NOT NULL UNIQUE CHECK (slug ~ '^[a-z0-9]+(-[a-z0-9]+)*$'),
    name          varchar(100) NOT NULL,
    title         varchar(200) NOT NULL,
    intro         text,
    email_field   varchar(8)   NOT NULL CHECK (email_field IN ('hidden', 'optional', 'required')),
    address_field varchar(8)   NOT NULL CHECK (address_field IN ('hidden', 'optional', 'required')),
    job_field     varchar(8)   NOT NULL CHECK (job_field IN ('hidden', 'optional', 'required')),
    job_label     varchar(200) NOT NULL,
    thank_you     text         NOT NULL,
    created_at    timestamptz  NOT NULL,
    updated_at    timestamptz  NOT NULL
);

-- The form every install has (SPEC 9: a form with the slug quote exists out of the box).
INSERT INTO web_forms (id, slug, name, title, intro, email_field, address_field, job_field, job_label,
                       thank_you, created_at, updated_at)
VALUES ('00000000-0000-4000-8000-000000000009', 'quote', 'web form', 'Request a quote',
        'Tell us about the job and we will get back to you within minutes.', 'optional', 'optional',
        'optional', 'What do you need done?',
        'Thank you! We have your request and will be in touch shortly.', now(), now());

-- Posts of the web forms per client address and clock hour (formPostsPerHour), counted and
-- checked in one statement, so instances together never let more through; hours past are
-- removed by the periodic pass.
CREATE TABLE web_form_posts (
    address     varchar(64) NOT NULL,
    hour_start  timestamptz NOT NULL,
    posts       integer     NOT NULL CHECK (posts >= 0),
    PRIMARY KEY (address, hour_start)
);

CREATE INDEX web_form_posts_hour_idx ON web_form_posts (hour_start);

-- The forms' settings; NULL means the default (SPEC 9: consent wording; docs/sources.md).
ALTER TABLE settings
    ADD COLUMN form_consent_text     text,
    ADD COLUMN form_allowed_origins  text,
    ADD COLUMN form_min_fill_seconds integer,
    ADD COLUMN form_posts_per_hour   integer;
