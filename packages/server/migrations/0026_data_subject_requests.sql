-- Requests a person makes about her own data (data protection law: access, correction, erasure), recorded by the
-- organisation holding her case and answered there by a supervisor with a document in a language she reads. What she
-- asked and what was answered are free text about her: encrypted in the application (AES-256-GCM, bound to
-- data_subject_requests.<column>:<id>). Plain SQL for PostgreSQL 15+ and PGlite.

CREATE TABLE data_subject_requests (
  id uuid PRIMARY KEY,
  person_id uuid NOT NULL CONSTRAINT data_subject_requests_person_fk REFERENCES persons (id),
  case_id uuid NOT NULL CONSTRAINT data_subject_requests_case_fk REFERENCES cases (id),
  organisation_id uuid NOT NULL CONSTRAINT data_subject_requests_organisation_fk REFERENCES organisations (id),
  kind text NOT NULL,
  details bytea,
  received_on date NOT NULL,
  recorded_by uuid NOT NULL CONSTRAINT data_subject_requests_recorded_by_fk REFERENCES users (id),
  recorded_at timestamptz NOT NULL DEFAULT now(),
  outcome text,
  answer bytea,
  answer_language text,
  answered_by uuid CONSTRAINT data_subject_requests_answered_by_fk REFERENCES users (id),
  answered_at timestamptz,
  CONSTRAINT data_subject_requests_kind_known CHECK (kind IN ('access', 'correction', 'erasure')),
  CONSTRAINT data_subject_requests_outcome_known CHECK (outcome IS NULL OR outcome IN ('done', 'partly_done', 'refused')),
  CONSTRAINT data_subject_requests_language_known CHECK (answer_language IS NULL OR answer_language IN ('en', 'fr', 'ar')),
  CONSTRAINT data_subject_requests_answered_whole CHECK (
    (outcome IS NULL AND answered_by IS NULL AND answered_at IS NULL AND answer_language IS NULL)
    OR (outcome IS NOT NULL AND answered_by IS NOT NULL AND answered_at IS NOT NULL AND answer_language IS NOT NULL))
);
CREATE INDEX data_subject_requests_case_idx ON data_subject_requests (case_id, recorded_at);
CREATE INDEX data_subject_requests_person_idx ON data_subject_requests (person_id);
COMMENT ON TABLE data_subject_requests IS 'A person''s requests to see, correct or erase her data, and their answers (subject access answered with a document of everything held)';
COMMENT ON COLUMN data_subject_requests.details IS 'What she asked for, in her words (which facts to correct or erase); encrypted, bound to data_subject_requests.details:<id>';
COMMENT ON COLUMN data_subject_requests.answer IS 'What was done and why, as the answer gives it to her; encrypted, bound to data_subject_requests.answer:<id>';
COMMENT ON COLUMN data_subject_requests.answer_language IS 'The installation language the answer was written in, chosen when it was produced';
