-- The facts of the action plan's computed indicators kept up to date by the persons whose records changed rather than
-- counted again over every case at each read (modules/action-plan/indicator-facts.changes.ts): every change to what
-- the indicators count (a case's person or opening date, a referral, a status decision, a case record) writes which
-- person it touched, with its transaction's id, as migration 0053 does for the prosecution funnel. A server process
-- then reads again only those persons' events. Rows older than two days are removed by a daily job.
-- Plain SQL accepted by PostgreSQL 15 and later and PGlite.

CREATE TABLE indicator_fact_changes (
  id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  tx xid8 NOT NULL DEFAULT pg_current_xact_id(),
  changed_at timestamptz NOT NULL DEFAULT now(),
  person_id uuid NOT NULL
);
COMMENT ON TABLE indicator_fact_changes IS 'Which persons changed in what the computed indicators count, by transaction: each server process reads again those persons only; rows older than two days are removed';
CREATE INDEX indicator_fact_changes_tx ON indicator_fact_changes (tx);
CREATE INDEX indicator_fact_changes_changed_at ON indicator_fact_changes (changed_at);

-- Cases: the person counted and the opening date that places the case in a period. Statement triggers for inserts and
-- deletes (an import writes thousands of cases in one statement); a row trigger for the two columns that matter.
CREATE FUNCTION indicator_facts_cases_new() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO indicator_fact_changes (person_id) SELECT DISTINCT person_id FROM new_rows;
  RETURN NULL;
END
$$;
CREATE FUNCTION indicator_facts_cases_old() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO indicator_fact_changes (person_id) SELECT DISTINCT person_id FROM old_rows;
  RETURN NULL;
END
$$;
CREATE FUNCTION indicator_facts_case_row() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO indicator_fact_changes (person_id) VALUES (NEW.person_id);
  IF OLD.person_id IS DISTINCT FROM NEW.person_id THEN
    INSERT INTO indicator_fact_changes (person_id) VALUES (OLD.person_id);
  END IF;
  RETURN NULL;
END
$$;
CREATE TRIGGER cases_indicator_facts_insert AFTER INSERT ON cases
  REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION indicator_facts_cases_new();
CREATE TRIGGER cases_indicator_facts_delete AFTER DELETE ON cases
  REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION indicator_facts_cases_old();
CREATE TRIGGER cases_indicator_facts_update AFTER UPDATE OF person_id, opened_at ON cases
  FOR EACH ROW WHEN (OLD.person_id IS DISTINCT FROM NEW.person_id OR OLD.opened_at IS DISTINCT FROM NEW.opened_at)
  EXECUTE FUNCTION indicator_facts_case_row();

-- A case's events (referrals, status decisions, case records): the person of the case each row belongs to. One set of
-- functions serves the three tables, each of which has a case_id.
CREATE FUNCTION indicator_facts_events_new() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO indicator_fact_changes (person_id) SELECT DISTINCT c.person_id FROM new_rows n JOIN cases c ON c.id = n.case_id;
  RETURN NULL;
END
$$;
CREATE FUNCTION indicator_facts_events_old() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO indicator_fact_changes (person_id) SELECT DISTINCT c.person_id FROM old_rows o JOIN cases c ON c.id = o.case_id;
  RETURN NULL;
END
$$;
CREATE FUNCTION indicator_facts_event_row() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO indicator_fact_changes (person_id) SELECT DISTINCT c.person_id FROM cases c WHERE c.id = NEW.case_id OR c.id = OLD.case_id;
  RETURN NULL;
END
$$;

CREATE TRIGGER referrals_indicator_facts_insert AFTER INSERT ON referrals
  REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION indicator_facts_events_new();
CREATE TRIGGER referrals_indicator_facts_delete AFTER DELETE ON referrals
  REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION indicator_facts_events_old();
CREATE TRIGGER referrals_indicator_facts_update AFTER UPDATE OF case_id, sent_at, accepted_at, declined_at ON referrals
  FOR EACH ROW EXECUTE FUNCTION indicator_facts_event_row();

CREATE TRIGGER status_decisions_indicator_facts_insert AFTER INSERT ON status_decisions
  REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION indicator_facts_events_new();
CREATE TRIGGER status_decisions_indicator_facts_delete AFTER DELETE ON status_decisions
  REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION indicator_facts_events_old();
CREATE TRIGGER status_decisions_indicator_facts_update AFTER UPDATE OF case_id, kind, decided_at, due_at ON status_decisions
  FOR EACH ROW EXECUTE FUNCTION indicator_facts_event_row();

CREATE TRIGGER case_records_indicator_facts_insert AFTER INSERT ON case_records
  REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION indicator_facts_events_new();
CREATE TRIGGER case_records_indicator_facts_delete AFTER DELETE ON case_records
  REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION indicator_facts_events_old();
CREATE TRIGGER case_records_indicator_facts_update AFTER UPDATE OF case_id, kind, created_at ON case_records
  FOR EACH ROW EXECUTE FUNCTION indicator_facts_event_row();
