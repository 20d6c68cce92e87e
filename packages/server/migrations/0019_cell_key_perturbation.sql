-- Cell-key perturbation of every published count (docs/decisions/0005-cell-key-perturbation.md).
--
-- Each statistical record carries a fixed record key (0..255): a keyed hash (HMAC-SHA-256) of a stable identifier of
-- the person (country dataset: the person's id; imported CTDC file: the file's SHA-256 and the row), under a key that
-- is stored here only wrapped by the master key (data_keys, purpose statistics_record_key), so it survives refreshes
-- and master key rotation and cannot be recomputed by someone holding the database alone. The cube carries, per row,
-- the sum of its records' keys (modulo 256): a cell's key is the sum of its rows' sums, and the published value of a
-- cell is its count changed by the perturbation table's entry for (count, cell key). Plain SQL accepted by PostgreSQL
-- 15 and later and PGlite. Depends on 0008, 0012 and 0015.

ALTER TABLE statistical_records ADD COLUMN record_key smallint
  CONSTRAINT statistical_records_record_key_range CHECK (record_key IS NULL OR record_key BETWEEN 0 AND 255);
COMMENT ON COLUMN statistical_records.record_key IS 'Cell-key method: HMAC of a stable identifier of the person (or imported row) under the statistics record key, 0..255; NULL until assigned (filled before the cube is built)';

ALTER TABLE statistics_cube ADD COLUMN key_sum integer NOT NULL DEFAULT 0
  CONSTRAINT statistics_cube_key_sum_range CHECK (key_sum BETWEEN 0 AND 255);
COMMENT ON COLUMN statistics_cube.key_sum IS 'Sum of the record keys of the row''s persons, modulo 256 (cell-key method)';

-- Every cube is built again, with its key sums, on its next read.
DELETE FROM statistics_cube_builds;
DELETE FROM statistics_cube;

ALTER TABLE data_keys DROP CONSTRAINT data_keys_purpose_known;
ALTER TABLE data_keys ADD CONSTRAINT data_keys_purpose_known
  CHECK (purpose IN ('field_encryption', 'blind_index', 'statistics_record_key'));
COMMENT ON COLUMN data_keys.purpose IS 'field_encryption: AES-256-GCM data keys; blind_index: the HMAC key of the search indexes; statistics_record_key: the HMAC key of the statistical records'' cell keys (all re-wrapped by master key rotation)';
