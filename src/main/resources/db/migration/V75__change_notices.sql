-- What every webhook would otherwise read is kept by each instance (issue 16): which events enabled
-- webhook endpoints take, and staff's push subscriptions. A change to them, by any instance or by an
-- operator's SQL, tells every instance to drop its copy, as settings_changed does for the settings
-- row (V9). Only the columns those reads use: a delivery's success or a push's last_sent_at is
-- not a change. One function for every such table: the trigger names its channel.
CREATE FUNCTION notify_change() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    PERFORM pg_notify(TG_ARGV[0], '');
    RETURN NULL;
END
$$;

CREATE TRIGGER webhook_endpoints_changed AFTER INSERT OR DELETE OR UPDATE OF events, disabled_at
    ON webhook_endpoints FOR EACH STATEMENT EXECUTE FUNCTION notify_change('webhook_endpoints_changed');
CREATE TRIGGER webhook_endpoints_truncated AFTER TRUNCATE ON webhook_endpoints
    FOR EACH STATEMENT EXECUTE FUNCTION notify_change('webhook_endpoints_changed');

CREATE TRIGGER push_subscriptions_changed AFTER INSERT OR DELETE OR UPDATE OF user_id, endpoint, p256dh, auth
    ON push_subscriptions FOR EACH STATEMENT EXECUTE FUNCTION notify_change('push_subscriptions_changed');
CREATE TRIGGER push_subscriptions_truncated AFTER TRUNCATE ON push_subscriptions
    FOR EACH STATEMENT EXECUTE FUNCTION notify_change('push_subscriptions_changed');
-- Whose subscriptions count: an account that is turned off, on or removed.
CREATE TRIGGER users_enabled_changed AFTER INSERT OR DELETE OR UPDATE OF enabled
    ON users FOR EACH STATEMENT EXECUTE FUNCTION notify_change('push_subscriptions_changed');
