-- A supervisor's part of the daily work: the country's choice of what a supervisor must approve, the approvals asked
-- for (an assistance plan, a case closure), and the notifications that tell caseworkers and supervisors about them and
-- about a case reassigned. Plain SQL accepted by PostgreSQL 15 and later and PGlite. Depends on 0003, 0006 and 0028.

ALTER TABLE country_settings ADD COLUMN approval_required_for text[] NOT NULL DEFAULT '{}';
ALTER TABLE country_settings ADD CONSTRAINT country_settings_approval_kinds_known
  CHECK (approval_required_for <@ ARRAY['assistance_plan', 'case_closure']::text[]);
COMMENT ON COLUMN country_settings.approval_required_for IS 'What a caseworker does that waits for a supervisor of her organisation to approve: assistance_plan, case_closure (none by default)';

CREATE TABLE case_approvals (
  id uuid PRIMARY KEY,
  case_id uuid NOT NULL CONSTRAINT case_approvals_case_fk REFERENCES cases (id),
  kind text NOT NULL,
  organisation_id uuid NOT NULL CONSTRAINT case_approvals_organisation_fk REFERENCES organisations (id),
  status text NOT NULL DEFAULT 'awaiting',
  requested_by uuid NOT NULL CONSTRAINT case_approvals_requested_by_fk REFERENCES users (id),
  requested_at timestamptz NOT NULL DEFAULT now(),
  closure_reason text,
  closure_referred boolean,
  decided_by uuid CONSTRAINT case_approvals_decided_by_fk REFERENCES users (id),
  decided_at timestamptz,
  return_reason bytea,
  CONSTRAINT case_approvals_kind_known CHECK (kind IN ('assistance_plan', 'case_closure')),
  CONSTRAINT case_approvals_status_known CHECK (status IN ('awaiting', 'approved', 'returned')),
  CONSTRAINT case_approvals_closure_has_reason CHECK ((kind = 'case_closure') = (closure_reason IS NOT NULL AND closure_referred IS NOT NULL)),
  CONSTRAINT case_approvals_decided CHECK ((status = 'awaiting') = (decided_by IS NULL AND decided_at IS NULL)),
  CONSTRAINT case_approvals_returned_has_reason CHECK ((status = 'returned') = (return_reason IS NOT NULL))
);
CREATE UNIQUE INDEX case_approvals_one_awaiting_idx ON case_approvals (case_id, kind) WHERE status = 'awaiting';
CREATE INDEX case_approvals_waiting_idx ON case_approvals (organisation_id, requested_at, id) WHERE status = 'awaiting';
CREATE INDEX case_approvals_case_idx ON case_approvals (case_id, requested_at DESC);
COMMENT ON TABLE case_approvals IS 'A caseworker''s assistance plan or case closure waiting for, approved or returned by a supervisor of her organisation';
COMMENT ON COLUMN case_approvals.closure_reason IS 'The closure asked for, applied when a supervisor approves it (as cases.closure_reason)';
COMMENT ON COLUMN case_approvals.return_reason IS 'Why the supervisor returned it (encrypted: free text may name the person)';

-- Unassigned open cases of an organisation, oldest first (the supervisor's home).
CREATE INDEX cases_organisation_unassigned_idx ON cases (managing_organisation_id, opened_at, id)
  WHERE case_manager_user_id IS NULL AND status IN ('Active', 'FollowUp');
COMMENT ON INDEX cases_organisation_unassigned_idx IS 'Home: an organisation''s open cases without a case manager, oldest first';

ALTER TABLE notifications DROP CONSTRAINT notifications_kind_known;
ALTER TABLE notifications ADD CONSTRAINT notifications_kind_known
  CHECK (kind IN ('referral_received', 'referral_answered', 'decision_due', 'case_reassigned', 'approval_requested', 'approval_answered'));
ALTER TABLE notification_preferences DROP CONSTRAINT notification_preferences_kind_known;
ALTER TABLE notification_preferences ADD CONSTRAINT notification_preferences_kind_known
  CHECK (kind IN ('referral_received', 'referral_answered', 'decision_due', 'case_reassigned', 'approval_requested', 'approval_answered'));
