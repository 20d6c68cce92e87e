-- The import report of CTDC files read into statistical_records: every value that was not plain, where it was (row
-- and column of the file) and how it was read, never silently guessed. The counts by kind are in
-- statistical_datasets.anomaly_counts.

CREATE TABLE statistical_import_anomalies (
  dataset_id uuid NOT NULL CONSTRAINT statistical_import_anomalies_dataset_fk REFERENCES statistical_datasets (id) ON DELETE CASCADE,
  seq integer NOT NULL,
  source_row integer NOT NULL,
  column_name text NOT NULL,
  kind text NOT NULL,
  original text NOT NULL,
  read_as text NOT NULL,
  CONSTRAINT statistical_import_anomalies_pk PRIMARY KEY (dataset_id, seq)
);
COMMENT ON TABLE statistical_import_anomalies IS 'The report of a CTDC import: every value that was not plain, where it was, and how it was read';
COMMENT ON COLUMN statistical_import_anomalies.seq IS 'Order in the report: by row of the file';
COMMENT ON COLUMN statistical_import_anomalies.source_row IS 'Line of the file on which the record starts (the header is line 1)';
COMMENT ON COLUMN statistical_import_anomalies.column_name IS 'Column name as in the file''s header';
COMMENT ON COLUMN statistical_import_anomalies.kind IS 'unknown_code, not_a_country_code, not_a_flag, year_out_of_range, surrounding_whitespace, unknown_column, inconsistent_value, blank_row';
COMMENT ON COLUMN statistical_import_anomalies.original IS 'The cell exactly as the file holds it';
COMMENT ON COLUMN statistical_import_anomalies.read_as IS 'How the import read it, in words (e.g. "missing")';
