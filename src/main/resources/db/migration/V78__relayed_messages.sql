-- Where an inbound message came by: 'sms' (Twilio), or 'thumbtack' for a customer's message in
-- a Thumbtack conversation, relayed by the connector into the lead's conversation. A relayed
-- message has no provider_sid (its lead_submissions row, unique per source and message ID,
-- makes it once) and no to_phone (it was written to the business on Thumbtack, not to a
-- number); every SMS keeps its to_phone. The column's constant default is added without
-- rewriting the table; the checks read it once.
ALTER TABLE messages ADD COLUMN channel varchar(20) NOT NULL DEFAULT 'sms'
    CONSTRAINT messages_channel_check CHECK (channel IN ('sms', 'thumbtack'));
ALTER TABLE messages ALTER COLUMN to_phone DROP NOT NULL;
ALTER TABLE messages ADD CONSTRAINT messages_sms_to_phone_check CHECK (channel <> 'sms' OR to_phone IS NOT NULL);
