-- The case record: case manager assignment, needs assessment, the assistance plan chosen by the person, services
-- delivered, follow-ups, risk and security assessments, residence status, non-punishment, compensation claims, the
-- child-protection records (best-interests assessment, guardian) and return decisions; counselling and health notes.
-- Append-only: a correction is a new record that supersedes the old one, which stays as history.
-- Nothing here records or depends on the person's cooperation with law enforcement.
-- Plain SQL accepted by PostgreSQL 15 and later (the server) and PGlite. Depends on 0001 and 0003.

CREATE TABLE case_records (
  id uuid PRIMARY KEY,
  case_id uuid NOT NULL CONSTRAINT case_records_case_fk REFERENCES cases (id),
  kind text NOT NULL,
  data jsonb NOT NULL DEFAULT '{}'::jsonb,
  notes bytea,
  author_user_id uuid NOT NULL CONSTRAINT case_records_author_fk REFERENCES users (id),
  organisation_id uuid NOT NULL CONSTRAINT case_records_organisation_fk REFERENCES organisations (id),
  visibility text NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  supersedes_id uuid,
  CONSTRAINT case_records_kind_known CHECK (kind IN ('case_manager_assigned', 'needs_assessment', 'assistance_goal',
    'service_delivered', 'follow_up', 'risk_assessment', 'residence_status', 'non_punishment', 'compensation_claim',
    'best_interests_assessment', 'guardian_appointed', 'return_decision', 'counselling_note', 'health_note')),
  CONSTRAINT case_records_visibility_known CHECK (visibility IN ('case', 'author_organisation')),
  CONSTRAINT case_records_private_kinds CHECK ((kind IN ('counselling_note', 'health_note')) = (visibility = 'author_organisation')),
  CONSTRAINT case_records_notes_required CHECK (notes IS NOT NULL OR kind NOT IN ('assistance_goal', 'guardian_appointed', 'counselling_note', 'health_note')),
  CONSTRAINT case_records_data_object CHECK (jsonb_typeof(data) = 'object'),
  CONSTRAINT case_records_not_self_superseding CHECK (supersedes_id IS NULL OR supersedes_id <> id),
  CONSTRAINT case_records_superseded_once UNIQUE (supersedes_id),
  CONSTRAINT case_records_identity UNIQUE (id, case_id, kind),
  -- A correction belongs to the same case and kind as the record it corrects. Deferred so that a restore may insert a
  -- correction before the record it corrects; checked at commit.
  CONSTRAINT case_records_supersedes_fk FOREIGN KEY (supersedes_id, case_id, kind)
    REFERENCES case_records (id, case_id, kind) DEFERRABLE INITIALLY DEFERRED
);
CREATE INDEX case_records_case_idx ON case_records (case_id, kind, created_at);
COMMENT ON TABLE case_records IS 'What is assessed, planned, delivered and followed up in a case. Append-only: corrections supersede, never overwrite. Assistance does not depend on cooperation with law enforcement: no column or rule reads it.';
COMMENT ON COLUMN case_records.kind IS 'Record kind (contracts vocabularies/case-records.ts caseRecordKinds); data is validated per kind by the server';
COMMENT ON COLUMN case_records.data IS 'Structured, non-identifying fields only (codes, dates, amounts, ids), validated by the zod schema of the kind';
COMMENT ON COLUMN case_records.notes IS 'Free text (goal in the person''s words, guardian''s name, counselling or health note), AES-256-GCM encrypted, bound to case_records.notes:<id>';
COMMENT ON COLUMN case_records.organisation_id IS 'The author''s organisation at the time of writing';
COMMENT ON COLUMN case_records.visibility IS 'case: whoever may read the case''s records; author_organisation: the author''s organisation only (counselling and health notes)';
COMMENT ON COLUMN case_records.supersedes_id IS 'The record this one corrects (same case and kind); each record is corrected at most once, so history is a chain';

CREATE FUNCTION case_records_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'case_records is append-only: add a correction that supersedes the record instead';
END;
$$;
CREATE TRIGGER case_records_no_change BEFORE UPDATE OR DELETE ON case_records
  FOR EACH ROW EXECUTE FUNCTION case_records_append_only();
COMMENT ON FUNCTION case_records_append_only() IS 'Case records are never updated or deleted; restore disables user triggers while it reloads';
