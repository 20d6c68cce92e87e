-- Imports with a column mapping (platform/imports): the mappings a user builds in the app, saved under a name for an
-- organisation and a kind of import (the prosecution history today; others reuse the table), and the keys that make
-- an imported prosecution history idempotent: the file's own references for an operation, an investigation and a
-- defendant, unique where they apply, so that the same file imported twice adds nothing the second time.
-- Plain SQL accepted by PostgreSQL 15 and later and PGlite. Depends on 0001 (organisations, users) and 0033.

CREATE TABLE import_mappings (
  id uuid PRIMARY KEY,
  kind text NOT NULL,
  organisation_id uuid NOT NULL CONSTRAINT import_mappings_organisation_fk REFERENCES organisations (id),
  name text NOT NULL,
  mapping jsonb NOT NULL,
  created_by uuid NOT NULL CONSTRAINT import_mappings_created_by_fk REFERENCES users (id),
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  CONSTRAINT import_mappings_name_unique UNIQUE (kind, organisation_id, name),
  CONSTRAINT import_mappings_mapping_object CHECK (jsonb_typeof(mapping) = 'object')
);
COMMENT ON TABLE import_mappings IS 'A column mapping saved under a name by an organisation for one kind of import (contracts api/imports.ts columnMapping): which column of the file fills which field, constants for fields the file lacks, the date formats and the separator of lists';

ALTER TABLE prosecution_operations ADD COLUMN import_key text;
CREATE UNIQUE INDEX prosecution_operations_import_key ON prosecution_operations (organisation_id, import_key) WHERE import_key IS NOT NULL;
COMMENT ON COLUMN prosecution_operations.import_key IS 'The reference the imported file gave the operation (unique per recording agency): a second import of the same file finds it instead of adding it again';

ALTER TABLE prosecution_investigations ADD COLUMN import_key text;
CREATE UNIQUE INDEX prosecution_investigations_import_key ON prosecution_investigations (operation_id, import_key) WHERE import_key IS NOT NULL;
COMMENT ON COLUMN prosecution_investigations.import_key IS 'The reference the imported file gave the investigation within its operation';

ALTER TABLE prosecution_suspects ADD COLUMN import_key text;
CREATE UNIQUE INDEX prosecution_suspects_import_key ON prosecution_suspects (operation_id, import_key) WHERE import_key IS NOT NULL;
COMMENT ON COLUMN prosecution_suspects.import_key IS 'The reference the imported file gave the defendant within the operation (its defendant reference, or else its pseudonym): a defendant already imported is not imported again';
