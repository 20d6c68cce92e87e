-- De-identified statistical records: one row per person in a dataset, in the CTDC vocabulary (data-standard.md §2),
-- with no name, no identifier, no free text and no exact date of birth. They feed the statistics pages, the CTDC
-- import and export, the privacy-safe releases and the overlap tables of the estimator. The country's own dataset is
-- derived from the case records; other datasets are imported files (CTDC k-anonymised or synthetic editions).

CREATE TABLE statistical_datasets (
  id uuid PRIMARY KEY,
  kind text NOT NULL,
  name text NOT NULL,
  edition text,
  file_name text,
  sha256 text,
  rows_read integer NOT NULL DEFAULT 0,
  rows_imported integer NOT NULL DEFAULT 0,
  anomaly_counts jsonb NOT NULL DEFAULT '{}',
  created_at timestamptz NOT NULL DEFAULT now(),
  created_by text NOT NULL,
  created_by_user_id uuid CONSTRAINT statistical_datasets_created_by_fk REFERENCES users (id),
  refreshed_at timestamptz,
  CONSTRAINT statistical_datasets_kind_known CHECK (kind IN ('country_cases', 'ctdc_import', 'synthetic')),
  CONSTRAINT statistical_datasets_edition_known CHECK (edition IS NULL OR edition IN ('ctdc_k_anonymised_2017', 'ctdc_synthetic_v2')),
  CONSTRAINT statistical_datasets_sha256_hex CHECK (sha256 IS NULL OR sha256 ~ '^[0-9a-f]{64}$'),
  CONSTRAINT statistical_datasets_file_unique UNIQUE (kind, sha256)
);
CREATE UNIQUE INDEX statistical_datasets_one_country ON statistical_datasets (kind) WHERE kind = 'country_cases';
COMMENT ON TABLE statistical_datasets IS 'A set of de-identified statistical records: the country''s own (derived from cases, one per installation), an imported CTDC file (imported once per SHA-256), or a generated synthetic set';
COMMENT ON COLUMN statistical_datasets.edition IS 'For CTDC files: which edition''s columns were read (k-anonymised 2017 codebook or synthetic v2)';
COMMENT ON COLUMN statistical_datasets.anomaly_counts IS 'Number of anomalies by kind found while importing';
COMMENT ON COLUMN statistical_datasets.refreshed_at IS 'For the country dataset: when it was last derived from the case records';

CREATE TABLE statistical_records (
  id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  dataset_id uuid NOT NULL CONSTRAINT statistical_records_dataset_fk REFERENCES statistical_datasets (id) ON DELETE CASCADE,
  source_row integer,
  person_key uuid,
  year_of_registration smallint,
  datasource text,
  gender text,
  age_broad text,
  majority_status text,
  citizenship text,
  country_of_exploitation text,
  traffick_months text,
  means_of_control text[] NOT NULL DEFAULT '{}',
  exploitation text[] NOT NULL DEFAULT '{}',
  labour_sectors text[] NOT NULL DEFAULT '{}',
  sex_types text[] NOT NULL DEFAULT '{}',
  recruiter_relations text[] NOT NULL DEFAULT '{}',
  stage text,
  trafficking_status text,
  referring_organisation_type text,
  referred_on date,
  reasonable_grounds_on date,
  reasonable_grounds_outcome text,
  conclusive_grounds_on date,
  conclusive_grounds_outcome text,
  CONSTRAINT statistical_records_year_range CHECK (year_of_registration IS NULL OR year_of_registration BETWEEN 1900 AND 2100),
  CONSTRAINT statistical_records_majority_known CHECK (majority_status IS NULL OR majority_status IN ('Adult', 'Minor')),
  CONSTRAINT statistical_records_citizenship_alpha3 CHECK (citizenship IS NULL OR citizenship ~ '^[A-Z]{3}$'),
  CONSTRAINT statistical_records_exploitation_alpha3 CHECK (country_of_exploitation IS NULL OR country_of_exploitation ~ '^[A-Z]{3}$')
);
CREATE INDEX statistical_records_dataset_year_idx ON statistical_records (dataset_id, year_of_registration);
CREATE UNIQUE INDEX statistical_records_person_once ON statistical_records (dataset_id, person_key) WHERE person_key IS NOT NULL;
COMMENT ON TABLE statistical_records IS 'One de-identified person per row: CTDC variables (codes as in the CTDC editions; NULL = missing, never -99) and, for the country dataset, where the person stands in the NRM';
COMMENT ON COLUMN statistical_records.source_row IS 'For imports: the row of the file it came from (for the import report)';
COMMENT ON COLUMN statistical_records.person_key IS 'Country dataset only: a random key standing for one person however many organisations and cases know them (never a case or person id); NULL for imports';
COMMENT ON COLUMN statistical_records.gender IS 'CTDC gender code (Woman, Man, Trans/Transgender/NonConforming; 2017 files: Female, Male mapped on import)';
COMMENT ON COLUMN statistical_records.age_broad IS 'CTDC ageBroad band (0--8, 09--17, 18--20, ... 48+)';
COMMENT ON COLUMN statistical_records.citizenship IS 'ISO 3166-1 alpha-3';
COMMENT ON COLUMN statistical_records.country_of_exploitation IS 'ISO 3166-1 alpha-3';
COMMENT ON COLUMN statistical_records.means_of_control IS 'CTDC means-of-control flag names that are 1 for this person (meansThreats...)';
COMMENT ON COLUMN statistical_records.exploitation IS 'CTDC exploitation flag names that are 1 (isForcedLabour, isSexualExploit, isOtherExploit)';
COMMENT ON COLUMN statistical_records.labour_sectors IS 'CTDC typeOfLabour... flag names that are 1';
COMMENT ON COLUMN statistical_records.sex_types IS 'CTDC typeOfSex... flag names that are 1';
COMMENT ON COLUMN statistical_records.recruiter_relations IS 'CTDC recruiterRelation... flag names that are 1';
COMMENT ON COLUMN statistical_records.stage IS 'Country dataset: the furthest NRM stage reached (cases.stage vocabulary)';
COMMENT ON COLUMN statistical_records.trafficking_status IS 'Country dataset: HTCDS vic_TraffickingStatus';
COMMENT ON COLUMN statistical_records.referring_organisation_type IS 'Country dataset: the type of the organisation that first reported the person';
COMMENT ON COLUMN statistical_records.referred_on IS 'Country dataset: the day the person entered the NRM (first case opened); days, never times';
