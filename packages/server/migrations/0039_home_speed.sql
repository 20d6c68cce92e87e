-- The homes at national scale: each case list of a home walks an index in its own order and stops at its cap
-- (modules/home/home.cases.ts), for a caseworker's own open cases and for an organisation's (a supervisor's home).
-- Plain SQL accepted by PostgreSQL 15 and later and PGlite. Depends on 0003 and 0030.

-- Decisions by due date among a caseworker's or an organisation's open cases waiting for one (my cases, decisions pending).
CREATE INDEX cases_manager_waiting_due_idx ON cases (case_manager_user_id, decision_due_at, id)
  WHERE decision_due_at IS NOT NULL AND stage IN ('reported', 'screened', 'reasonable_grounds_pending', 'reasonable_grounds_positive') AND status IN ('Active', 'FollowUp');
COMMENT ON INDEX cases_manager_waiting_due_idx IS 'Home: a case manager''s open cases waiting for a decision, by due date';
CREATE INDEX cases_organisation_waiting_due_idx ON cases (managing_organisation_id, decision_due_at, id)
  WHERE decision_due_at IS NOT NULL AND stage IN ('reported', 'screened', 'reasonable_grounds_pending', 'reasonable_grounds_positive') AND status IN ('Active', 'FollowUp');
COMMENT ON INDEX cases_organisation_waiting_due_idx IS 'Home: an organisation''s open cases waiting for a decision, by due date';

-- Reflection periods by end among open cases (my cases, periods ending within seven days).
CREATE INDEX cases_manager_reflection_end_idx ON cases (case_manager_user_id, reflection_period_end, id)
  WHERE reflection_period_end IS NOT NULL AND status IN ('Active', 'FollowUp');
COMMENT ON INDEX cases_manager_reflection_end_idx IS 'Home: a case manager''s open cases by end of reflection period';
CREATE INDEX cases_organisation_reflection_end_idx ON cases (managing_organisation_id, reflection_period_end, id)
  WHERE reflection_period_end IS NOT NULL AND status IN ('Active', 'FollowUp');
COMMENT ON INDEX cases_organisation_reflection_end_idx IS 'Home: an organisation''s open cases by end of reflection period';

-- Open cases by stage and when they entered it (SOP measures overdue).
CREATE INDEX cases_manager_stage_entered_idx ON cases (case_manager_user_id, stage, stage_entered_at, id) WHERE status IN ('Active', 'FollowUp');
COMMENT ON INDEX cases_manager_stage_entered_idx IS 'Home: a case manager''s open cases by stage and when they entered it';
CREATE INDEX cases_organisation_stage_entered_idx ON cases (managing_organisation_id, stage, stage_entered_at, id) WHERE status IN ('Active', 'FollowUp');
COMMENT ON INDEX cases_organisation_stage_entered_idx IS 'Home: an organisation''s open cases by stage and when they entered it';

-- Requests for a decision in force, per case (the coordinator's decisions past their deadline per authority).
CREATE INDEX case_shares_decision_request_idx ON case_shares (case_id, organisation_id) WHERE purpose = 'identification_decision' AND revoked_at IS NULL;
COMMENT ON INDEX case_shares_decision_request_idx IS 'Home: the competent authority a waiting case was sent to';

-- The case list sorted by deadline: the cases with a decision due, by due date.
CREATE INDEX cases_due_idx ON cases (decision_due_at, opened_at DESC, id) WHERE decision_due_at IS NOT NULL;
COMMENT ON INDEX cases_due_idx IS 'Case list: cases with a decision due, by due date';
