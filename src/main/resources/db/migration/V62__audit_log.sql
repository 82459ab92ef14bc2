-- The audit log (SPEC 11): who did what and when. Rows are only ever inserted (audit/AuditLog);
-- the trigger below refuses UPDATE and DELETE to every role, the product's included, so an entry
-- cannot be edited or removed through the product or by a mistaken statement. (The table's owner
-- can still drop the trigger or TRUNCATE: an audit log inside the audited database protects
-- against the product and its users, not against its database superuser.)
CREATE TABLE audit_log (
    id         bigint      GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    created_at timestamptz NOT NULL,
    actor      text        NOT NULL,
    action     varchar(60) NOT NULL,
    subject    text        NOT NULL,
    details    jsonb       NOT NULL DEFAULT '{}'
);

-- The settings page and GET /api/audit-log read it newest first.
CREATE INDEX audit_log_created_idx ON audit_log (created_at DESC, id DESC);

CREATE FUNCTION audit_log_refuse_change() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION 'The audit log cannot be changed: % refused', TG_OP
        USING ERRCODE = 'insufficient_privilege';
END
$$;

CREATE TRIGGER audit_log_append_only BEFORE UPDATE OR DELETE ON audit_log
    FOR EACH ROW EXECUTE FUNCTION audit_log_refuse_change();
