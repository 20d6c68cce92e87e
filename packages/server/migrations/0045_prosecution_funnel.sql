-- The prosecution funnel's statistics (modules/prosecution-funnel): record keys of the cell-key method (decision 0005)
-- for suspects and investigations, and a version number that moves whenever something the funnel counts changes, so
-- that the server computes the funnel's facts once per change and answers every page from memory in between.
-- Plain SQL accepted by PostgreSQL 15 and later and PGlite. Depends on 0033 (prosecution) and 0015 (country settings).

ALTER TABLE prosecution_suspects ADD COLUMN record_key smallint
  CONSTRAINT prosecution_suspects_record_key_range CHECK (record_key IS NULL OR record_key BETWEEN 0 AND 255);
COMMENT ON COLUMN prosecution_suspects.record_key IS 'Cell-key method record key (0..255): keyed HMAC of prosecution_suspect:<id>, assigned by the funnel before it counts; never shown';
ALTER TABLE prosecution_investigations ADD COLUMN record_key smallint
  CONSTRAINT prosecution_investigations_record_key_range CHECK (record_key IS NULL OR record_key BETWEEN 0 AND 255);
COMMENT ON COLUMN prosecution_investigations.record_key IS 'Cell-key method record key (0..255): keyed HMAC of prosecution_investigation:<id>, assigned by the funnel before it counts; never shown';

CREATE SEQUENCE prosecution_funnel_version;
COMMENT ON SEQUENCE prosecution_funnel_version IS 'Moves on every change the prosecution funnel counts (steps, suspects, investigations, forms of an operation, the country): the funnel recomputes its facts when it moved';

CREATE FUNCTION prosecution_funnel_changed() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM nextval('prosecution_funnel_version');
  RETURN NULL;
END
$$;

CREATE TRIGGER prosecution_steps_funnel AFTER INSERT OR UPDATE OR DELETE ON prosecution_steps
  FOR EACH STATEMENT EXECUTE FUNCTION prosecution_funnel_changed();
CREATE TRIGGER prosecution_suspects_funnel AFTER INSERT OR DELETE OR UPDATE OF sex, citizenships, age_at_offence, investigation_id, operation_id ON prosecution_suspects
  FOR EACH STATEMENT EXECUTE FUNCTION prosecution_funnel_changed();
CREATE TRIGGER prosecution_investigations_funnel AFTER INSERT OR DELETE OR UPDATE OF opened_on, operation_id ON prosecution_investigations
  FOR EACH STATEMENT EXECUTE FUNCTION prosecution_funnel_changed();
CREATE TRIGGER prosecution_operations_funnel AFTER DELETE OR UPDATE OF forms_of_exploitation ON prosecution_operations
  FOR EACH STATEMENT EXECUTE FUNCTION prosecution_funnel_changed();
CREATE TRIGGER country_settings_funnel AFTER INSERT OR UPDATE OF country_iso3 ON country_settings
  FOR EACH STATEMENT EXECUTE FUNCTION prosecution_funnel_changed();
