-- Review requests (SPEC 11): one text asking a won lead for a review, after a delay, never twice.
-- One row per lead: staff's switch for that lead, and where its one request stands. A row that
-- reached 'sent' is never armed again (ReviewRequestRepository.arm), so won, reopened and won
-- again texts once; the sweep claims due rows with FOR UPDATE SKIP LOCKED and marks them in the
-- transaction that queues the text, so two instances never both send it.
CREATE TABLE review_requests (
    lead_id        uuid        PRIMARY KEY REFERENCES leads (id) ON DELETE CASCADE,
    enabled        boolean     NOT NULL DEFAULT true,
    status         varchar(20) CHECK (status IN ('pending', 'sent', 'skipped')),
    due_at         timestamptz,
    sent_at        timestamptz,
    message_id     uuid        REFERENCES messages (id) ON DELETE SET NULL,
    skipped_reason text,
    CHECK ((status = 'pending') = (due_at IS NOT NULL))
);

-- The sweep's due requests, oldest first.
CREATE INDEX review_requests_due_idx ON review_requests (due_at) WHERE status = 'pending';

ALTER TABLE settings
    ADD COLUMN review_request_enabled boolean,
    ADD COLUMN review_delay_days      integer,
    ADD COLUMN review_template        text,
    ADD COLUMN review_link            text;
