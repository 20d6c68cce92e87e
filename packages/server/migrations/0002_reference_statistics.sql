-- Reference statistics: published figures imported from outside (UNODC GLOTIP first), kept beside the platform's own
-- counts for comparison. No personal data. Plain SQL accepted by PostgreSQL 15 and later and PGlite (PostgreSQL 18).

CREATE TABLE reference_datasets (
  id uuid PRIMARY KEY,
  source text NOT NULL,
  file_name text NOT NULL,
  file_format text NOT NULL,
  sha256 text NOT NULL,
  file_bytes bigint NOT NULL,
  header_row integer NOT NULL,
  preamble text[] NOT NULL DEFAULT '{}',
  imported_at timestamptz NOT NULL DEFAULT now(),
  imported_by text NOT NULL,
  imported_by_user_id uuid CONSTRAINT reference_datasets_imported_by_fk REFERENCES users (id),
  rows_read integer NOT NULL,
  rows_imported integer NOT NULL,
  anomaly_counts jsonb NOT NULL DEFAULT '{}',
  CONSTRAINT reference_datasets_source_known CHECK (source IN ('glotip')),
  CONSTRAINT reference_datasets_format_known CHECK (file_format IN ('csv', 'xlsx')),
  CONSTRAINT reference_datasets_sha256_hex CHECK (sha256 ~ '^[0-9a-f]{64}$'),
  CONSTRAINT reference_datasets_rows_counted CHECK (rows_read >= 0 AND rows_imported >= 0 AND rows_imported <= rows_read),
  CONSTRAINT reference_datasets_source_sha256_unique UNIQUE (source, sha256)
);
COMMENT ON TABLE reference_datasets IS 'One imported file of reference statistics; a file (source + SHA-256) is imported once';
COMMENT ON COLUMN reference_datasets.source IS 'Which publisher''s export: glotip (UNODC Global Report on Trafficking in Persons data)';
COMMENT ON COLUMN reference_datasets.file_name IS 'The file name as given to the import (no folder)';
COMMENT ON COLUMN reference_datasets.file_format IS 'csv or xlsx, read from the file''s content';
COMMENT ON COLUMN reference_datasets.sha256 IS 'SHA-256 of the file''s bytes, lower-case hex: re-importing the same file changes nothing';
COMMENT ON COLUMN reference_datasets.header_row IS 'Row of the file that holds the column names (3 in the GLOTIP XLSX, after two preamble lines)';
COMMENT ON COLUMN reference_datasets.preamble IS 'Non-empty lines above the header (publisher, export date), each as its cells joined by " | "';
COMMENT ON COLUMN reference_datasets.imported_by IS 'Who imported: the command (palermo import glotip) or the user''s display name';
COMMENT ON COLUMN reference_datasets.imported_by_user_id IS 'The user who imported through the web app; NULL for the command line';
COMMENT ON COLUMN reference_datasets.rows_read IS 'Data rows read from the file (blank rows not counted)';
COMMENT ON COLUMN reference_datasets.rows_imported IS 'Rows stored in reference_statistics';
COMMENT ON COLUMN reference_datasets.anomaly_counts IS 'Number of anomalies by kind (less_than, thousands_separator, broken_characters...); the list is reference_import_anomalies';

CREATE TABLE reference_statistics (
  dataset_id uuid NOT NULL CONSTRAINT reference_statistics_dataset_fk REFERENCES reference_datasets (id) ON DELETE CASCADE,
  source_row integer NOT NULL,
  iso3 text,
  country text,
  region text,
  subregion text,
  indicator text NOT NULL,
  dimension text NOT NULL,
  category text,
  sex text NOT NULL,
  age text NOT NULL,
  year smallint NOT NULL,
  unit text,
  value numeric,
  value_text text NOT NULL,
  value_kind text NOT NULL,
  upper_bound numeric,
  CONSTRAINT reference_statistics_pk PRIMARY KEY (dataset_id, source_row),
  CONSTRAINT reference_statistics_value_kind_known CHECK (value_kind IN ('exact', 'less_than', 'missing')),
  CONSTRAINT reference_statistics_value_matches_kind CHECK ((value IS NOT NULL) = (value_kind = 'exact')),
  CONSTRAINT reference_statistics_bound_matches_kind CHECK ((upper_bound IS NOT NULL) = (value_kind = 'less_than')),
  CONSTRAINT reference_statistics_year_plausible CHECK (year BETWEEN 1900 AND 2100),
  CONSTRAINT reference_statistics_value_not_negative CHECK (value >= 0 AND upper_bound >= 0)
);
-- No secondary index: a dataset is some 50,000 rows read by dataset (the primary key's prefix), and each index slows
-- the import by about a sixth. Add one with the query that needs it.
COMMENT ON TABLE reference_statistics IS 'One published value per row, as the source wrote it (texts kept as is, broken characters included)';
COMMENT ON COLUMN reference_statistics.source_row IS 'Row of the file the value comes from (spreadsheet row, or CSV line where the record starts)';
COMMENT ON COLUMN reference_statistics.iso3 IS 'Reporting country (ISO 3166-1 alpha-3) or a regional code of the source; NULL when the file has none';
COMMENT ON COLUMN reference_statistics.indicator IS 'GLOTIP Indicator (contracts: glotipIndicator)';
COMMENT ON COLUMN reference_statistics.dimension IS 'GLOTIP Dimension: Total, by form of exploitation, by citizenship, by country of repatriation';
COMMENT ON COLUMN reference_statistics.category IS 'Category within the dimension: a form of exploitation, or a country name as the source wrote it';
COMMENT ON COLUMN reference_statistics.sex IS 'GLOTIP Sex: Total, Female, Male, Other, Unknown';
COMMENT ON COLUMN reference_statistics.age IS 'GLOTIP Age: Total, 0 to 17 years, 18 years or over, Unknown';
COMMENT ON COLUMN reference_statistics.unit IS 'Unit of measurement (Counts)';
COMMENT ON COLUMN reference_statistics.value IS 'The number, when the source gives one exactly (thousands separators removed); NULL otherwise';
COMMENT ON COLUMN reference_statistics.value_text IS 'The value exactly as the source wrote it (<5, 1,282, 17)';
COMMENT ON COLUMN reference_statistics.value_kind IS 'exact (value holds it), less_than (suppressed by the source: between 0 and upper_bound), missing';
COMMENT ON COLUMN reference_statistics.upper_bound IS 'For less_than: the largest count the text allows (4 for <5)';

CREATE TABLE reference_import_anomalies (
  dataset_id uuid NOT NULL CONSTRAINT reference_import_anomalies_dataset_fk REFERENCES reference_datasets (id) ON DELETE CASCADE,
  seq integer NOT NULL,
  source_row integer NOT NULL,
  column_name text NOT NULL,
  kind text NOT NULL,
  original text NOT NULL,
  read_as text NOT NULL,
  CONSTRAINT reference_import_anomalies_pk PRIMARY KEY (dataset_id, seq)
);
COMMENT ON TABLE reference_import_anomalies IS 'The import report: every value that was not plain, where it was, and how it was read (never silently)';
COMMENT ON COLUMN reference_import_anomalies.seq IS 'Order in the report: by row of the file';
COMMENT ON COLUMN reference_import_anomalies.source_row IS 'Row of the file (as in reference_statistics.source_row)';
COMMENT ON COLUMN reference_import_anomalies.column_name IS 'Column name as in the file''s header';
COMMENT ON COLUMN reference_import_anomalies.kind IS 'less_than, thousands_separator, broken_characters, missing_value, not_an_iso3_code, unknown_code, duplicate_key, surrounding_whitespace, unknown_column';
COMMENT ON COLUMN reference_import_anomalies.original IS 'The cell exactly as the file holds it';
COMMENT ON COLUMN reference_import_anomalies.read_as IS 'How the import read it, in words (e.g. "value NULL, kind less_than, upper bound 4")';
