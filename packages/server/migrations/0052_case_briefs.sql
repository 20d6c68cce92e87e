-- The prosecutor's text of an operation's case brief for publication in SHERLOC's fields (the rest of the brief is
-- built from the records when it is produced): the case name and number as published, the country, a summary of
-- the facts and a commentary, in one encrypted JSON value (free text can name someone), and whether it is a draft or
-- approved for publication. One row per operation. Plain SQL for PostgreSQL 15 and later and PGlite.
-- Depends on 0001 (users) and 0033 (prosecution_operations).

CREATE TABLE prosecution_case_briefs (
  operation_id uuid PRIMARY KEY CONSTRAINT prosecution_case_briefs_operation_fk REFERENCES prosecution_operations (id),
  text bytea NOT NULL,
  country text,
  status text NOT NULL,
  approved_by uuid CONSTRAINT prosecution_case_briefs_approved_by_fk REFERENCES users (id),
  approved_on date,
  updated_by uuid NOT NULL CONSTRAINT prosecution_case_briefs_updated_by_fk REFERENCES users (id),
  updated_at timestamptz NOT NULL DEFAULT now(),
  version integer NOT NULL DEFAULT 1,
  CONSTRAINT prosecution_case_briefs_status_known CHECK (status IN ('draft', 'approved_for_publication')),
  CONSTRAINT prosecution_case_briefs_country CHECK (country IS NULL OR country ~ '^[A-Z]{2}$'),
  CONSTRAINT prosecution_case_briefs_approved CHECK ((status = 'approved_for_publication') = (approved_by IS NOT NULL AND approved_on IS NOT NULL))
);
COMMENT ON TABLE prosecution_case_briefs IS 'The prosecutor''s text of a case brief for publication (SHERLOC fields); written by the prosecutors of the office an investigation of the operation was referred to';
COMMENT ON COLUMN prosecution_case_briefs.text IS 'Encrypted JSON {caseName, caseNumber, factSummary, commentary}, AES-256-GCM, bound to prosecution_case_briefs.text:<operation_id>';
COMMENT ON COLUMN prosecution_case_briefs.approved_by IS 'The prosecutor who approved the text for publication; any later change returns it to draft unless approved again';
