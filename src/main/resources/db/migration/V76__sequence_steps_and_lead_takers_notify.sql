-- What every new lead would otherwise read is kept by each instance too (issue 16): the sequence's
-- steps, and whether anyone takes new leads in turn (SPEC 11). As in V75, a change by any instance
-- or by an operator's SQL tells every instance to drop its copy; for users only the two columns
-- that answer the question.
CREATE TRIGGER sequence_steps_changed AFTER INSERT OR DELETE OR UPDATE
    ON sequence_steps FOR EACH STATEMENT EXECUTE FUNCTION notify_change('sequence_steps_changed');
CREATE TRIGGER sequence_steps_truncated AFTER TRUNCATE ON sequence_steps
    FOR EACH STATEMENT EXECUTE FUNCTION notify_change('sequence_steps_changed');

CREATE TRIGGER users_lead_takers_changed AFTER INSERT OR DELETE OR UPDATE OF takes_new_leads, enabled
    ON users FOR EACH STATEMENT EXECUTE FUNCTION notify_change('lead_takers_changed');
