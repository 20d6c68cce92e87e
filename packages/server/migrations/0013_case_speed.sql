-- Finding a case by name at national scale (measured with 100,000 synthetic cases, packages/server/bench/cases.ts).
--
-- A name search matches the keyed blind index (persons.name_index, GIN), ranks every match (exact tokens first, then
-- the number of tokens in common, then the newest case) and keeps the first 25 the user may see. On persons, each
-- match costs a visit to a wide row (all the ciphertext) and a probe of cases for the access filter: about 20 ms for
-- a common name. derived.case_name_tokens holds one row per case and token with what ranking and the access filter
-- read, in an index that answers alone (a few ms); the persons row is read for the 25 results only.
--
-- The table is derived data: kept in step with cases and persons by the triggers below, in the same transaction as
-- the change, and rebuilt from them by this migration. Its schema is not the application's, so that backups (which
-- copy the application's schema) leave it out: a restore fills it again through the triggers as the cases come in.
-- The triggers are ENABLE ALWAYS: bulk loads that skip foreign-key checks (session_replication_role = replica) still
-- keep it in step. Plain SQL accepted by PostgreSQL 15 and later and PGlite. Depends on 0003 and 0008.

CREATE SCHEMA derived;
COMMENT ON SCHEMA derived IS 'Data derived from the application''s tables by triggers (search structures); not backed up, rebuilt from its sources';

CREATE TABLE derived.case_name_tokens (
  token text NOT NULL,
  case_id uuid NOT NULL CONSTRAINT case_name_tokens_case_fk REFERENCES cases (id) ON DELETE CASCADE,
  person_id uuid NOT NULL,
  managing_organisation_id uuid NOT NULL,
  case_manager_user_id uuid,
  jurisdiction text,
  opened_at timestamptz NOT NULL,
  -- The search reads this index alone (an index-only scan: what it needs is included), so a common name costs a few
  -- index pages instead of one table page per person who bears it.
  CONSTRAINT case_name_tokens_pk PRIMARY KEY (token, case_id)
    INCLUDE (managing_organisation_id, case_manager_user_id, jurisdiction, person_id, opened_at)
);
COMMENT ON TABLE derived.case_name_tokens IS 'One row per case and name blind-index token, with copies of the cases and persons columns the case access filter reads (kept in step by triggers). Search only.';

INSERT INTO derived.case_name_tokens (token, case_id, person_id, managing_organisation_id, case_manager_user_id, jurisdiction, opened_at)
SELECT DISTINCT t.token, c.id, c.person_id, c.managing_organisation_id, c.case_manager_user_id, p.jurisdiction, c.opened_at
FROM cases c JOIN persons p ON p.id = c.person_id CROSS JOIN unnest(p.name_index) AS t(token);
CREATE INDEX case_name_tokens_case_idx ON derived.case_name_tokens (case_id);
ANALYZE derived.case_name_tokens;

-- New cases (one statement may insert many: bulk loads and restores).
CREATE FUNCTION derived.case_name_tokens_cases_inserted() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO derived.case_name_tokens (token, case_id, person_id, managing_organisation_id, case_manager_user_id, jurisdiction, opened_at)
  SELECT DISTINCT t.token, n.id, n.person_id, n.managing_organisation_id, n.case_manager_user_id, p.jurisdiction, n.opened_at
  FROM inserted n JOIN persons p ON p.id = n.person_id CROSS JOIN unnest(p.name_index) AS t(token)
  ON CONFLICT (token, case_id) DO NOTHING;
  RETURN NULL;
END;
$$;
CREATE TRIGGER cases_name_tokens_insert AFTER INSERT ON cases
  REFERENCING NEW TABLE AS inserted FOR EACH STATEMENT EXECUTE FUNCTION derived.case_name_tokens_cases_inserted();
ALTER TABLE cases ENABLE ALWAYS TRIGGER cases_name_tokens_insert;

-- The tokens of one case, afresh from its person (after a change of person or of names).
CREATE FUNCTION derived.case_name_tokens_refill(target uuid) RETURNS void LANGUAGE plpgsql AS $$
BEGIN
  DELETE FROM derived.case_name_tokens WHERE case_id = target;
  INSERT INTO derived.case_name_tokens (token, case_id, person_id, managing_organisation_id, case_manager_user_id, jurisdiction, opened_at)
  SELECT DISTINCT t.token, c.id, c.person_id, c.managing_organisation_id, c.case_manager_user_id, p.jurisdiction, c.opened_at
  FROM cases c JOIN persons p ON p.id = c.person_id CROSS JOIN unnest(p.name_index) AS t(token)
  WHERE c.id = target;
END;
$$;

-- A case transferred, reassigned or moved to another person.
CREATE FUNCTION derived.case_name_tokens_case_changed() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF NEW.person_id IS DISTINCT FROM OLD.person_id THEN
    PERFORM derived.case_name_tokens_refill(NEW.id);
  ELSE
    UPDATE derived.case_name_tokens
    SET managing_organisation_id = NEW.managing_organisation_id, case_manager_user_id = NEW.case_manager_user_id, opened_at = NEW.opened_at
    WHERE case_id = NEW.id;
  END IF;
  RETURN NULL;
END;
$$;
CREATE TRIGGER cases_name_tokens_update AFTER UPDATE OF person_id, managing_organisation_id, case_manager_user_id, opened_at ON cases
  FOR EACH ROW
  WHEN ((OLD.person_id, OLD.managing_organisation_id, OLD.case_manager_user_id, OLD.opened_at)
    IS DISTINCT FROM (NEW.person_id, NEW.managing_organisation_id, NEW.case_manager_user_id, NEW.opened_at))
  EXECUTE FUNCTION derived.case_name_tokens_case_changed();
ALTER TABLE cases ENABLE ALWAYS TRIGGER cases_name_tokens_update;

-- A person's names or jurisdiction changed: every case of the person follows.
CREATE FUNCTION derived.case_name_tokens_person_changed() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  affected uuid;
BEGIN
  IF NEW.name_index IS DISTINCT FROM OLD.name_index THEN
    FOR affected IN SELECT id FROM cases WHERE person_id = NEW.id LOOP
      PERFORM derived.case_name_tokens_refill(affected);
    END LOOP;
  ELSE
    UPDATE derived.case_name_tokens SET jurisdiction = NEW.jurisdiction WHERE case_id IN (SELECT id FROM cases WHERE person_id = NEW.id);
  END IF;
  RETURN NULL;
END;
$$;
CREATE TRIGGER persons_name_tokens_update AFTER UPDATE OF name_index, jurisdiction ON persons
  FOR EACH ROW
  WHEN ((OLD.name_index, OLD.jurisdiction) IS DISTINCT FROM (NEW.name_index, NEW.jurisdiction))
  EXECUTE FUNCTION derived.case_name_tokens_person_changed();
ALTER TABLE persons ENABLE ALWAYS TRIGGER persons_name_tokens_update;
