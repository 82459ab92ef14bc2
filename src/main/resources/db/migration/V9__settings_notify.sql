-- Every change of the settings row, by any instance or by an operator's SQL, tells every instance
-- to drop its copy (SPEC 3: settings apply without a restart, on every instance).
CREATE FUNCTION settings_notify_change() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    PERFORM pg_notify('settings_changed', '');
    RETURN NULL;
END
$$;

CREATE TRIGGER settings_changed AFTER INSERT OR UPDATE OR DELETE ON settings
    FOR EACH STATEMENT EXECUTE FUNCTION settings_notify_change();
