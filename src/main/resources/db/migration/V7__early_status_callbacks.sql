-- A status callback can reach us between Twilio's 201 and the write of the message's SID; it is
-- parked here and applied by the write that stores the SID (SPEC 5.10: no status is lost).
CREATE TABLE early_status_callbacks (
    provider_sid varchar(64) NOT NULL,
    status       varchar(20) NOT NULL,
    error_code   varchar(20),
    received_at  timestamptz NOT NULL,
    PRIMARY KEY (provider_sid, status)
);
CREATE INDEX early_status_callbacks_received_idx ON early_status_callbacks (received_at);
