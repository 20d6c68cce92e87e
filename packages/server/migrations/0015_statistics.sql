-- The statistics section for the national coordinator and rapporteur: the country's ISO code (to read its GLOTIP
-- reference figures), the small-cell threshold, the NRM performance facts each statistical record carries, and a
-- pre-aggregated cube per dataset that the statistics page reads instead of grouping a million rows per request.
-- Plain SQL accepted by PostgreSQL 15 and later and PGlite. Depends on 0002, 0003 and 0012.

ALTER TABLE country_settings ADD COLUMN IF NOT EXISTS country_iso3 text
  CHECK (country_iso3 IS NULL OR country_iso3 ~ '^[A-Z]{3}$');
COMMENT ON COLUMN country_settings.country_iso3 IS 'The country (ISO 3166-1 alpha-3): whose reference statistics (GLOTIP) are shown beside its own';
ALTER TABLE country_settings ADD COLUMN small_cell_threshold integer NOT NULL DEFAULT 11
  CONSTRAINT country_settings_small_cell_threshold_positive CHECK (small_cell_threshold BETWEEN 1 AND 1000);
COMMENT ON COLUMN country_settings.small_cell_threshold IS 'Published or downloaded counts below this are suppressed, with whatever would let them be recomputed (11: the CTDC rule); PALERMO_SMALL_CELL_THRESHOLD overrides it';

-- NRM performance facts, per person, for the country dataset (NULL or 0 for imported and synthetic sets that do not
-- record them). Days, never times; counts, never contents.
ALTER TABLE statistical_records
  ADD COLUMN reasonable_grounds_due_on date,
  ADD COLUMN reflection_started_on date,
  ADD COLUMN reflection_ended_on date,
  ADD COLUMN referrals_sent smallint NOT NULL DEFAULT 0,
  ADD COLUMN referrals_accepted smallint NOT NULL DEFAULT 0,
  ADD COLUMN referrals_completed smallint NOT NULL DEFAULT 0,
  ADD COLUMN follow_up_outcome text,
  ADD CONSTRAINT statistical_records_referrals_counted CHECK (referrals_sent >= 0 AND referrals_accepted >= 0
    AND referrals_completed >= 0 AND referrals_accepted <= referrals_sent AND referrals_completed <= referrals_accepted),
  ADD CONSTRAINT statistical_records_follow_up_known CHECK (follow_up_outcome IS NULL
    OR follow_up_outcome IN ('completed', 'person_unreachable', 'person_declined')),
  ADD CONSTRAINT statistical_records_reflection_ordered CHECK (reflection_ended_on IS NULL OR reflection_started_on IS NULL
    OR reflection_ended_on >= reflection_started_on);
COMMENT ON COLUMN statistical_records.reasonable_grounds_due_on IS 'Country dataset: the day the reasonable-grounds decision was due (the first case''s decision_due_at); NULL: the referral day plus the country''s deadline is used';
COMMENT ON COLUMN statistical_records.reflection_started_on IS 'Country dataset: first day of the recovery and reflection period';
COMMENT ON COLUMN statistical_records.reflection_ended_on IS 'Country dataset: last day of the recovery and reflection period';
COMMENT ON COLUMN statistical_records.referrals_sent IS 'Country dataset: referrals to services sent for the person (all their cases)';
COMMENT ON COLUMN statistical_records.referrals_accepted IS 'Country dataset: of those, referrals accepted (accepted or completed)';
COMMENT ON COLUMN statistical_records.referrals_completed IS 'Country dataset: of those, referrals whose service was recorded as delivered';
COMMENT ON COLUMN statistical_records.follow_up_outcome IS 'Country dataset: outcome of the person''s latest follow-up (completed, person_unreachable, person_declined); NULL: none';

-- The cube: one row per combination of the statistics page's dimensions in a dataset, with the measures summed.
-- Missing values are '' (text) or 0 (year) so that filters are plain equalities. Built from statistical_records by
-- the statistics module (statistics.cube.ts) and rebuilt on the first read after the dataset's records change: the
-- triggers below forget a dataset's cube whenever its records are inserted, updated or deleted.
CREATE TABLE statistics_cube (
  dataset_id uuid NOT NULL CONSTRAINT statistics_cube_dataset_fk REFERENCES statistical_datasets (id) ON DELETE CASCADE,
  year smallint NOT NULL,
  gender text NOT NULL,
  age_broad text NOT NULL,
  exploitation text NOT NULL,
  citizenship text NOT NULL,
  country_of_exploitation text NOT NULL,
  referring_organisation_type text NOT NULL,
  stage text NOT NULL,
  trafficking_status text NOT NULL,
  persons integer NOT NULL,
  rg_decided integer NOT NULL,
  rg_days_sum bigint NOT NULL,
  rg_late integer NOT NULL,
  reflection_persons integer NOT NULL,
  reflection_days_sum bigint NOT NULL,
  persons_referred integer NOT NULL,
  referrals_sent integer NOT NULL,
  referrals_accepted integer NOT NULL,
  referrals_completed integer NOT NULL,
  follow_up_completed integer NOT NULL,
  follow_up_unreachable integer NOT NULL,
  follow_up_declined integer NOT NULL,
  CONSTRAINT statistics_cube_pk PRIMARY KEY (dataset_id, year, gender, age_broad, exploitation, citizenship,
    country_of_exploitation, referring_organisation_type, stage, trafficking_status)
);
COMMENT ON TABLE statistics_cube IS 'Counts of persons (and NRM measures) by every combination of the statistics dimensions, per dataset; derived, rebuilt after the records change';
COMMENT ON COLUMN statistics_cube.exploitation IS 'The CTDC exploitation flags of the persons, sorted and joined by commas ('''' for none)';
COMMENT ON COLUMN statistics_cube.rg_late IS 'Reasonable-grounds decisions taken after the day they were due';

CREATE TABLE statistics_cube_builds (
  dataset_id uuid PRIMARY KEY CONSTRAINT statistics_cube_builds_dataset_fk REFERENCES statistical_datasets (id) ON DELETE CASCADE,
  built_at timestamptz NOT NULL DEFAULT now(),
  reasonable_grounds_deadline_days integer NOT NULL,
  source_rows integer NOT NULL,
  cube_rows integer NOT NULL
);
COMMENT ON TABLE statistics_cube_builds IS 'Which datasets have an up-to-date cube (a row is deleted when the dataset''s records change) and the deadline it was built with';

CREATE FUNCTION statistics_cube_forget() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'DELETE' THEN
    DELETE FROM statistics_cube_builds WHERE dataset_id IN (SELECT DISTINCT dataset_id FROM old_rows);
  ELSE
    DELETE FROM statistics_cube_builds WHERE dataset_id IN (SELECT DISTINCT dataset_id FROM new_rows);
  END IF;
  IF TG_OP = 'UPDATE' THEN
    DELETE FROM statistics_cube_builds WHERE dataset_id IN (SELECT DISTINCT dataset_id FROM old_rows);
  END IF;
  RETURN NULL;
END;
$$;
CREATE TRIGGER statistics_cube_forget_insert AFTER INSERT ON statistical_records
  REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION statistics_cube_forget();
CREATE TRIGGER statistics_cube_forget_update AFTER UPDATE ON statistical_records
  REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION statistics_cube_forget();
CREATE TRIGGER statistics_cube_forget_delete AFTER DELETE ON statistical_records
  REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION statistics_cube_forget();
