-- What a victim-status decision relied on: the parts of the decision file the competent authority names (the
-- person's account, the first responder's reasons, the screening, the referral form's facts, the intake) and the
-- documents attached for the decision. Plain SQL for PostgreSQL 15+ and PGlite. Depends on 0003.

ALTER TABLE status_decisions ADD COLUMN relied_on text[] NOT NULL DEFAULT '{}';
ALTER TABLE status_decisions ADD COLUMN relied_on_documents uuid[] NOT NULL DEFAULT '{}';
ALTER TABLE status_decisions ADD CONSTRAINT status_decisions_relied_on_known
  CHECK (relied_on <@ ARRAY['account', 'first_responder_reasons', 'screening', 'referral_form', 'intake', 'documents']::text[]);
COMMENT ON COLUMN status_decisions.relied_on IS 'The parts of the decision file the decision relied on (contracts decisionFileParts)';
COMMENT ON COLUMN status_decisions.relied_on_documents IS 'The documents attached for the decision (case_documents.id) it relied on';
