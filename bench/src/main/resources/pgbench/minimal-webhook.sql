-- A REFERENCE WORKLOAD DEFINED BY THE BENCHMARK, not the product's SQL: the least a fresh inbound
-- SMS webhook has to ask of PostgreSQL, written by hand as a yardstick for the product's own
-- statements (recorded each run: bench/target/run/inbound-webhook.sql). One transaction: claim the
-- MessageSid, find the sender's open lead, store the message, stop the lead's sequence.
-- Lead k of the seeded webhook leads has phone +1 512 200 0000 + k and id md5('wh-' || k).
\set k random(1, :leads)
\set sid random(1, 9000000000000000)
BEGIN;
INSERT INTO processed_webhooks (id, webhook_id, webhook_type, processed_at, expires_at)
  VALUES (gen_random_uuid(), 'SMref' || :sid, 'twilio_inbound', now(), now() + interval '24 hours')
  ON CONFLICT (webhook_id) DO NOTHING;
SELECT id, status FROM leads WHERE phone = '+1512' || (2000000 + :k) AND status NOT IN ('won', 'lost');
INSERT INTO messages (id, lead_id, direction, body, status, provider_sid, to_phone, from_phone, created_at, updated_at)
  VALUES (gen_random_uuid(), md5('wh-' || :k)::uuid, 'inbound', 'Yes please call me tomorrow', 'received',
          'SMref' || :sid, '+15125550000', '+1512' || (2000000 + :k), now(), now());
UPDATE leads SET status = 'replied', next_followup_at = NULL, sequence_ended_reason = 'Lead replied',
  last_inbound_at = now(), last_activity_at = now()
  WHERE id = md5('wh-' || :k)::uuid;
END;
