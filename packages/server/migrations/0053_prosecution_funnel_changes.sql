-- The prosecution funnel's facts kept up to date by the records that changed rather than recomputed whole
-- (modules/prosecution-funnel/funnel.changes.ts): every change the funnel counts writes which suspect, investigation or
-- operation it touched, with its transaction's id, so that a server process recomputes only those persons. The
-- transaction id lets a reader find every change committed since its last read, also one made by a transaction that
-- was still running then (a version number taken when a row is written, as migration 0045's, is visible before its
-- transaction commits, so a read in between could cache facts that never saw it). Replaces 0045's version sequence.
-- Plain SQL accepted by PostgreSQL 15 and later and PGlite. Depends on 0045.

DROP TRIGGER prosecution_steps_funnel ON prosecution_steps;
DROP TRIGGER prosecution_suspects_funnel ON prosecution_suspects;
DROP TRIGGER prosecution_investigations_funnel ON prosecution_investigations;
DROP TRIGGER prosecution_operations_funnel ON prosecution_operations;
DROP TRIGGER country_settings_funnel ON country_settings;
DROP FUNCTION prosecution_funnel_changed();
DROP SEQUENCE prosecution_funnel_version;

CREATE TABLE prosecution_funnel_changes (
  id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  tx xid8 NOT NULL DEFAULT pg_current_xact_id(),
  changed_at timestamptz NOT NULL DEFAULT now(),
  suspect_id uuid,
  investigation_id uuid,
  operation_id uuid,
  -- Everything changed (the country, which decides who is a national): the facts are computed whole.
  everything boolean NOT NULL DEFAULT false
);
COMMENT ON TABLE prosecution_funnel_changes IS 'Which suspects, investigations and operations changed in what the prosecution funnel counts, by transaction: the funnel recomputes those only; rows older than two days are removed';
CREATE INDEX prosecution_funnel_changes_tx ON prosecution_funnel_changes (tx);
CREATE INDEX prosecution_funnel_changes_changed_at ON prosecution_funnel_changes (changed_at);

-- Steps: statement triggers over the rows each statement wrote (an import writes thousands in one statement).
CREATE FUNCTION prosecution_funnel_steps_new() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO prosecution_funnel_changes (suspect_id) SELECT DISTINCT suspect_id FROM new_rows;
  RETURN NULL;
END
$$;
CREATE FUNCTION prosecution_funnel_steps_old() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO prosecution_funnel_changes (suspect_id) SELECT DISTINCT suspect_id FROM old_rows;
  RETURN NULL;
END
$$;
CREATE TRIGGER prosecution_steps_funnel_insert AFTER INSERT ON prosecution_steps
  REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION prosecution_funnel_steps_new();
CREATE TRIGGER prosecution_steps_funnel_update AFTER UPDATE ON prosecution_steps
  REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION prosecution_funnel_steps_new();
CREATE TRIGGER prosecution_steps_funnel_delete AFTER DELETE ON prosecution_steps
  REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION prosecution_funnel_steps_old();

-- Suspects: the person, and the investigation whose suspects' sexes and citizenships the funnel filters by.
CREATE FUNCTION prosecution_funnel_suspects_new() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO prosecution_funnel_changes (suspect_id, investigation_id) SELECT id, investigation_id FROM new_rows;
  RETURN NULL;
END
$$;
CREATE FUNCTION prosecution_funnel_suspects_old() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO prosecution_funnel_changes (suspect_id, investigation_id) SELECT id, investigation_id FROM old_rows;
  RETURN NULL;
END
$$;
CREATE FUNCTION prosecution_funnel_suspect_row() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO prosecution_funnel_changes (suspect_id, investigation_id) VALUES (NEW.id, NEW.investigation_id);
  IF OLD.investigation_id IS DISTINCT FROM NEW.investigation_id THEN
    INSERT INTO prosecution_funnel_changes (investigation_id) VALUES (OLD.investigation_id);
  END IF;
  RETURN NULL;
END
$$;
CREATE TRIGGER prosecution_suspects_funnel_insert AFTER INSERT ON prosecution_suspects
  REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION prosecution_funnel_suspects_new();
CREATE TRIGGER prosecution_suspects_funnel_delete AFTER DELETE ON prosecution_suspects
  REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION prosecution_funnel_suspects_old();
CREATE TRIGGER prosecution_suspects_funnel_update AFTER UPDATE OF sex, citizenships, age_at_offence, investigation_id, operation_id
  ON prosecution_suspects FOR EACH ROW EXECUTE FUNCTION prosecution_funnel_suspect_row();

-- Investigations: the year (opened on) and the operation (forms of exploitation) of it and of its suspects.
CREATE FUNCTION prosecution_funnel_investigations_new() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO prosecution_funnel_changes (investigation_id) SELECT id FROM new_rows;
  RETURN NULL;
END
$$;
CREATE FUNCTION prosecution_funnel_investigations_old() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO prosecution_funnel_changes (investigation_id) SELECT id FROM old_rows;
  RETURN NULL;
END
$$;
CREATE FUNCTION prosecution_funnel_investigation_row() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO prosecution_funnel_changes (investigation_id) VALUES (NEW.id);
  RETURN NULL;
END
$$;
CREATE TRIGGER prosecution_investigations_funnel_insert AFTER INSERT ON prosecution_investigations
  REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION prosecution_funnel_investigations_new();
CREATE TRIGGER prosecution_investigations_funnel_delete AFTER DELETE ON prosecution_investigations
  REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION prosecution_funnel_investigations_old();
CREATE TRIGGER prosecution_investigations_funnel_update AFTER UPDATE OF opened_on, operation_id
  ON prosecution_investigations FOR EACH ROW EXECUTE FUNCTION prosecution_funnel_investigation_row();

-- Operations: their forms of exploitation filter every suspect and investigation of theirs.
CREATE FUNCTION prosecution_funnel_operations_old() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO prosecution_funnel_changes (operation_id) SELECT id FROM old_rows;
  RETURN NULL;
END
$$;
CREATE FUNCTION prosecution_funnel_operation_row() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO prosecution_funnel_changes (operation_id) VALUES (NEW.id);
  RETURN NULL;
END
$$;
CREATE TRIGGER prosecution_operations_funnel_delete AFTER DELETE ON prosecution_operations
  REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION prosecution_funnel_operations_old();
CREATE TRIGGER prosecution_operations_funnel_update AFTER UPDATE OF forms_of_exploitation
  ON prosecution_operations FOR EACH ROW EXECUTE FUNCTION prosecution_funnel_operation_row();

-- The country decides who is a national: everything.
CREATE FUNCTION prosecution_funnel_everything() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO prosecution_funnel_changes (everything) VALUES (true);
  RETURN NULL;
END
$$;
CREATE TRIGGER country_settings_funnel AFTER INSERT OR UPDATE OF country_iso3 ON country_settings
  FOR EACH STATEMENT EXECUTE FUNCTION prosecution_funnel_everything();

-- The rows the funnel must still give a record key (new ones), found without reading the others.
CREATE INDEX prosecution_suspects_without_record_key ON prosecution_suspects (id) WHERE record_key IS NULL;
CREATE INDEX prosecution_investigations_without_record_key ON prosecution_investigations (id) WHERE record_key IS NULL;
