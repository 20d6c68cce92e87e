-- The determinants research's recommendations as a checklist an assessment scores (contracts
-- vocabularies/determinants-checklist.ts): per assessment and item, whether it is met, partly met, not met or does not
-- apply, with a note, and the checklist version the score was recorded under. No personal data.
-- Plain SQL accepted by PostgreSQL 15 and later and PGlite. Depends on 0054 (determinant_assessments) and 0001 (users).

CREATE TABLE determinant_checklist_scores (
  assessment_id uuid NOT NULL CONSTRAINT determinant_checklist_scores_assessment_fk REFERENCES determinant_assessments (id),
  item text NOT NULL,
  score text NOT NULL,
  note text NOT NULL DEFAULT '',
  checklist_version integer NOT NULL,
  recorded_by uuid NOT NULL CONSTRAINT determinant_checklist_scores_recorded_by_fk REFERENCES users (id),
  recorded_at timestamptz NOT NULL DEFAULT now(),
  CONSTRAINT determinant_checklist_scores_pk PRIMARY KEY (assessment_id, item),
  CONSTRAINT determinant_checklist_scores_score_known CHECK (score IN ('not_met', 'partly_met', 'met', 'not_applicable')),
  CONSTRAINT determinant_checklist_scores_version_positive CHECK (checklist_version > 0)
);

COMMENT ON TABLE determinant_checklist_scores IS 'One checklist item (a recommendation of the determinants research) as an assessment scores it; rewritten when scored again';
COMMENT ON COLUMN determinant_checklist_scores.item IS 'contracts checklistItems code';
COMMENT ON COLUMN determinant_checklist_scores.checklist_version IS 'contracts determinantsChecklistVersion when the score was recorded';

-- A link between a recommendation and an activity of the plan can be undone (the national coordinator): the
-- recommendation's history keeps a version saying which activity was unlinked (its code and title in evidence).
-- Depends on 0049 (recommendation_history).
ALTER TABLE recommendation_history DROP CONSTRAINT recommendation_history_change_known;
ALTER TABLE recommendation_history ADD CONSTRAINT recommendation_history_change_known
  CHECK (change IN ('recorded', 'response', 'status', 'comment', 'clustered', 'activity_unlinked'));
