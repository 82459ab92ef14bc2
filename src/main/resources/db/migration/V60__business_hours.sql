-- Business hours (SPEC 11): the weekly schedule in the business zone, as the settings API shows it
-- ({"mon": [{"open": "07:00", "close": "18:00"}], ..., "sun": []}; NULL: open around the clock),
-- and the instant response's text outside it.
ALTER TABLE settings
    ADD COLUMN business_hours       jsonb,
    ADD COLUMN after_hours_template text;
