-- The homes of each role and the case list at national scale (measured with 100,000 synthetic cases on PostgreSQL,
-- packages/server/bench/homes.ts and bench/cases.ts). Plain SQL accepted by PostgreSQL 15 and later and PGlite.
-- Depends on 0001, 0003, 0006 and 0007.

-- When the user last signed in with a password: the administrators' home lists accounts unused for 90 days.
ALTER TABLE users ADD COLUMN last_signed_in_at timestamptz;
COMMENT ON COLUMN users.last_signed_in_at IS 'Last successful password step of a sign-in (administrators see accounts unused for 90 days)';

-- A caseworker's own open cases (her home lists them by deadline; the case list's "assigned to me").
CREATE INDEX cases_manager_open_idx ON cases (case_manager_user_id, opened_at DESC, id) WHERE status IN ('Active', 'FollowUp');
COMMENT ON INDEX cases_manager_open_idx IS 'Home and worklist: a case manager''s open cases';

-- An organisation's open cases (a supervisor's home).
CREATE INDEX cases_organisation_open_idx ON cases (managing_organisation_id, opened_at DESC, id) WHERE status IN ('Active', 'FollowUp');
COMMENT ON INDEX cases_organisation_open_idx IS 'Home: an organisation''s open cases';

-- Decisions by deadline (the competent authority's home, the coordinator's overdue decisions, "decisions pending").
CREATE INDEX cases_waiting_due_idx ON cases (decision_due_at, id)
  WHERE decision_due_at IS NOT NULL AND stage IN ('reported', 'screened', 'reasonable_grounds_pending', 'reasonable_grounds_positive');
COMMENT ON INDEX cases_waiting_due_idx IS 'Cases waiting for a decision, by due date';

-- Reflection periods ending soon.
CREATE INDEX cases_reflection_end_idx ON cases (reflection_period_end) WHERE reflection_period_end IS NOT NULL;
COMMENT ON INDEX cases_reflection_end_idx IS 'Home: recovery and reflection periods ending within seven days';

-- Law enforcement's home: the suspicions its organisation reported, newest first.
CREATE INDEX cases_reported_by_idx ON cases (reported_by_organisation_id, opened_at DESC, id);
COMMENT ON INDEX cases_reported_by_idx IS 'Home: suspicions an organisation reported';

-- Follow-ups done, per case and milestone (the home's follow-ups due).
CREATE INDEX case_records_follow_up_idx ON case_records (case_id, (data->>'milestone')) WHERE kind = 'follow_up';
COMMENT ON INDEX case_records_follow_up_idx IS 'Home: follow-ups recorded per case and milestone';

-- When a case entered its stage: SOP measures fall due that many days after (the home's measures overdue). Kept by a
-- trigger whenever the stage changes (ENABLE ALWAYS: bulk loads that skip foreign-key checks keep it too); a new case
-- enters its first stage when it is opened; existing cases take the time of the last action that moved them there.
ALTER TABLE cases ADD COLUMN stage_entered_at timestamptz;
COMMENT ON COLUMN cases.stage_entered_at IS 'When the case entered its current stage (SOP measure deadlines count from it)';
UPDATE cases c SET stage_entered_at = coalesce((SELECT max(a.occurred_at) FROM case_actions a WHERE a.case_id = c.id AND a.action = ANY (CASE c.stage
    WHEN 'reported' THEN ARRAY[]::text[]
    WHEN 'screened' THEN ARRAY['case.screened']
    WHEN 'reasonable_grounds_pending' THEN ARRAY['case.decision_requested']
    ELSE ARRAY['decision.reasonable_grounds', 'decision.conclusive_grounds', 'decision.reconsideration'] END)), c.opened_at);
CREATE FUNCTION cases_stage_entered() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'INSERT' THEN
    NEW.stage_entered_at := coalesce(NEW.stage_entered_at, NEW.opened_at);
  ELSIF NEW.stage IS DISTINCT FROM OLD.stage THEN
    NEW.stage_entered_at := now();
  END IF;
  RETURN NEW;
END;
$$;
CREATE TRIGGER cases_stage_entered BEFORE INSERT OR UPDATE OF stage ON cases FOR EACH ROW EXECUTE FUNCTION cases_stage_entered();
ALTER TABLE cases ENABLE ALWAYS TRIGGER cases_stage_entered;
CREATE INDEX cases_stage_entered_open_idx ON cases (stage, stage_entered_at) WHERE status IN ('Active', 'FollowUp');
COMMENT ON INDEX cases_stage_entered_open_idx IS 'Home: open cases that entered a stage in a window (SOP measures overdue)';

-- Unanswered referrals past their time (the coordinator's home), oldest first; referrals and decisions this month.
CREATE INDEX referrals_sent_idx ON referrals (sent_at) WHERE status = 'sent';
COMMENT ON INDEX referrals_sent_idx IS 'Home: referrals waiting for an answer, oldest first';
CREATE INDEX referrals_sent_at_idx ON referrals (sent_at);
CREATE INDEX status_decisions_decided_idx ON status_decisions (decided_at);

-- The case list sorted by stage, status or reference, and filtered by form of exploitation.
CREATE INDEX cases_reference_idx ON cases (reference text_pattern_ops);
CREATE INDEX cases_forms_gin ON cases USING gin (forms_of_exploitation);
