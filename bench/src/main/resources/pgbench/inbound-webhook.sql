-- The statements the product runs for one fresh, signed inbound SMS webhook
-- (webhook/InboundMessageHandler -> WebhookDeduplicator.claim, LeadIntake.forInboundSms,
-- MessageLog.recordInbound, Leads.recordReply), in the same order and one transaction, as
-- captured from the product with log_statement = 'all'. Values the product binds are computed
-- here: lead k has phone +1512 200 0000 + k and id md5('wh-' || k) (seeded by the benchmark).
\set k random(1, :leads)
\set sid random(1, 9000000000000000)
BEGIN;
SELECT * FROM settings WHERE id = 1;
INSERT INTO processed_webhooks (id, webhook_id, webhook_type, processed_at, expires_at)
  VALUES (gen_random_uuid(), 'SMpgbench' || :sid, 'twilio_inbound', now(), now() + interval '24 hours')
  ON CONFLICT (webhook_id) DO NOTHING;
SELECT * FROM settings WHERE id = 1;
SELECT * FROM leads WHERE phone = '+1512' || (2000000 + :k) AND status NOT IN ('won', 'lost');
INSERT INTO messages (id, lead_id, direction, body, status, provider_sid, to_phone, from_phone, created_at, updated_at)
  VALUES (gen_random_uuid(), md5('wh-' || :k)::uuid, 'inbound', 'Yes please call me tomorrow', 'received',
          'SMpgbench' || :sid, '+15125550000', '+1512' || (2000000 + :k), now(), now())
  ON CONFLICT (provider_sid) DO NOTHING;
UPDATE leads SET status = CASE WHEN status = 'won' THEN status ELSE 'replied' END,
  closed_reason = CASE WHEN status = 'won' THEN closed_reason END,
  closed_at = CASE WHEN status = 'won' THEN closed_at END,
  next_followup_at = NULL, sequence_ended_reason = 'Lead replied',
  last_inbound_at = now(), last_activity_at = now()
  WHERE id = md5('wh-' || :k)::uuid;
SELECT * FROM leads WHERE id = md5('wh-' || :k)::uuid;
END;
