-- Screenings of a case against an indicator checklist: the answers, what the checklist suggested, and by whom.

CREATE TABLE screenings (
  id uuid PRIMARY KEY,
  case_id uuid NOT NULL CONSTRAINT screenings_case_fk REFERENCES cases (id),
  checklist_code text NOT NULL,
  checklist_version integer NOT NULL,
  answers jsonb NOT NULL,
  is_child boolean NOT NULL,
  assessment jsonb NOT NULL,
  notes bytea,
  screened_by uuid NOT NULL CONSTRAINT screenings_screened_by_fk REFERENCES users (id),
  organisation_id uuid NOT NULL CONSTRAINT screenings_organisation_fk REFERENCES organisations (id),
  screened_at timestamptz NOT NULL,
  CONSTRAINT screenings_checklist_fk FOREIGN KEY (checklist_code, checklist_version) REFERENCES indicator_checklists (code, version)
);
CREATE INDEX screenings_case_idx ON screenings (case_id, screened_at);
COMMENT ON TABLE screenings IS 'A screening suggests, never decides: the victim-status decision is the competent authority''s. Published checklist versions never change, so a screening can always be re-scored.';
COMMENT ON COLUMN screenings.answers IS 'Item code -> present | absent | unknown';
COMMENT ON COLUMN screenings.assessment IS 'The suggestion and counts computed when the screening was recorded';
COMMENT ON COLUMN screenings.notes IS 'Free-text observations, encrypted';
