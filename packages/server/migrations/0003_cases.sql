-- Case management core: cases, the victim-status lifecycle, consent history, the case timeline.
-- Vocabularies follow IOM's HTCDS v2.0 (cas_Status, vic_TraffickingStatus, prs_Gender, vic_TypeOfExploitation).

ALTER TABLE persons
  ADD COLUMN gender text,
  ADD COLUMN citizenships text[] NOT NULL DEFAULT '{}',
  ADD COLUMN is_child boolean NOT NULL DEFAULT false,
  ADD COLUMN guardian bytea,
  ADD CONSTRAINT persons_gender_known CHECK (gender IS NULL OR gender IN ('Feminine', 'Masculine',
    'TransgenderFeminine', 'TransgenderMasculine', 'NonConforming', 'NonSpecifiedUnknown'));
COMMENT ON COLUMN persons.gender IS 'HTCDS prs_Gender value name';
COMMENT ON COLUMN persons.citizenships IS 'HTCDS prs_Citizenship: ISO 3166-1 alpha-2 codes';
COMMENT ON COLUMN persons.is_child IS 'Under 18: child-protection rules apply (guardian, best-interests assessment before any return)';
COMMENT ON COLUMN persons.guardian IS 'Name and contact of the appointed guardian, encrypted';

CREATE TABLE country_settings (
  id integer PRIMARY KEY CONSTRAINT country_settings_single CHECK (id = 1),
  reflection_period_days integer NOT NULL DEFAULT 30 CONSTRAINT country_settings_reflection_positive CHECK (reflection_period_days >= 30),
  reasonable_grounds_deadline_days integer NOT NULL DEFAULT 5 CONSTRAINT country_settings_rg_positive CHECK (reasonable_grounds_deadline_days > 0),
  conclusive_grounds_deadline_days integer NOT NULL DEFAULT 45 CONSTRAINT country_settings_cg_positive CHECK (conclusive_grounds_deadline_days > 0),
  reconsideration_deadline_days integer NOT NULL DEFAULT 30 CONSTRAINT country_settings_rc_positive CHECK (reconsideration_deadline_days > 0),
  updated_at timestamptz NOT NULL DEFAULT now()
);
COMMENT ON TABLE country_settings IS 'National law set as data: recovery and reflection period (at least 30 days under the Council of Europe Convention) and decision deadlines';
INSERT INTO country_settings (id) VALUES (1);

CREATE TABLE cases (
  id uuid PRIMARY KEY,
  reference text NOT NULL,
  person_id uuid NOT NULL CONSTRAINT cases_person_fk REFERENCES persons (id),
  managing_organisation_id uuid NOT NULL CONSTRAINT cases_managing_organisation_fk REFERENCES organisations (id),
  case_manager_user_id uuid CONSTRAINT cases_case_manager_fk REFERENCES users (id),
  reported_by_organisation_id uuid NOT NULL CONSTRAINT cases_reported_by_fk REFERENCES organisations (id),
  status text NOT NULL DEFAULT 'Active',
  stage text NOT NULL DEFAULT 'reported',
  trafficking_status text NOT NULL DEFAULT 'PossibleVictimOfTrafficking',
  forms_of_exploitation text[] NOT NULL DEFAULT '{}',
  country_of_exploitation text,
  reflection_period_start date,
  reflection_period_end date,
  decision_due_at timestamptz,
  closure_reason text,
  opened_at timestamptz NOT NULL DEFAULT now(),
  closed_at timestamptz,
  updated_at timestamptz NOT NULL DEFAULT now(),
  version integer NOT NULL DEFAULT 1,
  CONSTRAINT cases_reference_unique UNIQUE (reference),
  CONSTRAINT cases_status_known CHECK (status IN ('Active', 'FollowUp', 'Closed', 'ClosedReferred')),
  CONSTRAINT cases_stage_known CHECK (stage IN ('reported', 'screened', 'reasonable_grounds_pending',
    'reasonable_grounds_positive', 'reasonable_grounds_negative', 'conclusive_positive', 'conclusive_negative')),
  CONSTRAINT cases_trafficking_status_known CHECK (trafficking_status IN ('PossibleVictimOfTrafficking',
    'ActualVictimOfTrafficking', 'NotAVictimOfTrafficking')),
  CONSTRAINT cases_closed_has_reason CHECK ((status IN ('Closed', 'ClosedReferred')) = (closure_reason IS NOT NULL))
);
CREATE INDEX cases_person_idx ON cases (person_id);
CREATE INDEX cases_managing_organisation_idx ON cases (managing_organisation_id, opened_at DESC);
CREATE INDEX cases_case_manager_idx ON cases (case_manager_user_id);
CREATE INDEX cases_stage_due_idx ON cases (stage, decision_due_at);
COMMENT ON TABLE cases IS 'One case per person per episode of assistance; HTCDS cas_ fields. Never holds identifying data itself: that is in persons, encrypted.';
COMMENT ON COLUMN cases.status IS 'HTCDS cas_Status value name';
COMMENT ON COLUMN cases.stage IS 'Where the person stands in identification (reported -> screened -> reasonable grounds -> conclusive grounds)';
COMMENT ON COLUMN cases.trafficking_status IS 'HTCDS vic_TraffickingStatus, derived from the competent authority decisions';
COMMENT ON COLUMN cases.forms_of_exploitation IS 'HTCDS vic_TypeOfExploitation value names';
COMMENT ON COLUMN cases.version IS 'Optimistic concurrency: every change must name the version it read';

CREATE TABLE status_decisions (
  id uuid PRIMARY KEY,
  case_id uuid NOT NULL CONSTRAINT status_decisions_case_fk REFERENCES cases (id),
  kind text NOT NULL,
  outcome text NOT NULL,
  reason bytea NOT NULL,
  decided_by uuid NOT NULL CONSTRAINT status_decisions_decided_by_fk REFERENCES users (id),
  organisation_id uuid NOT NULL CONSTRAINT status_decisions_organisation_fk REFERENCES organisations (id),
  decided_at timestamptz NOT NULL,
  due_at timestamptz,
  CONSTRAINT status_decisions_kind_known CHECK (kind IN ('reasonable_grounds', 'conclusive_grounds', 'reconsideration')),
  CONSTRAINT status_decisions_outcome_known CHECK (outcome IN ('positive', 'negative'))
);
CREATE INDEX status_decisions_case_idx ON status_decisions (case_id, decided_at);
COMMENT ON TABLE status_decisions IS 'Victim-status decisions, taken only by users of a competent-authority organisation; the reason is encrypted';

CREATE TABLE consent_events (
  id uuid PRIMARY KEY,
  person_id uuid NOT NULL CONSTRAINT consent_events_person_fk REFERENCES persons (id),
  purpose text NOT NULL,
  target_organisation_id uuid CONSTRAINT consent_events_target_fk REFERENCES organisations (id),
  status text NOT NULL,
  method text NOT NULL,
  explained_by uuid NOT NULL CONSTRAINT consent_events_explained_by_fk REFERENCES users (id),
  rights_explained text[] NOT NULL DEFAULT '{}',
  recorded_at timestamptz NOT NULL,
  CONSTRAINT consent_events_purpose_known CHECK (purpose IN ('assistance', 'referral', 'law_enforcement', 'statistics', 'country_of_origin')),
  CONSTRAINT consent_events_status_known CHECK (status IN ('given', 'refused', 'withdrawn')),
  CONSTRAINT consent_events_method_known CHECK (method IN ('verbal', 'written', 'digital', 'through_guardian')),
  CONSTRAINT consent_events_referral_names_target CHECK ((purpose = 'referral') = (target_organisation_id IS NOT NULL))
);
CREATE INDEX consent_events_person_idx ON consent_events (person_id, purpose, recorded_at DESC);
COMMENT ON TABLE consent_events IS 'Every consent given, refused or withdrawn: when, how, who explained it and which rights were explained. The newest event per (person, purpose, target) is in force.';
COMMENT ON COLUMN consent_events.rights_explained IS 'Items of the information-on-rights checklist that were explained';

CREATE TABLE case_actions (
  id uuid PRIMARY KEY,
  case_id uuid NOT NULL CONSTRAINT case_actions_case_fk REFERENCES cases (id),
  action text NOT NULL,
  actor_user_id uuid NOT NULL CONSTRAINT case_actions_actor_fk REFERENCES users (id),
  organisation_id uuid NOT NULL CONSTRAINT case_actions_organisation_fk REFERENCES organisations (id),
  idempotency_key text NOT NULL,
  summary text NOT NULL,
  occurred_at timestamptz NOT NULL,
  CONSTRAINT case_actions_idempotent UNIQUE (case_id, idempotency_key)
);
CREATE INDEX case_actions_case_idx ON case_actions (case_id, occurred_at);
COMMENT ON TABLE case_actions IS 'The case timeline: append-only actions; a retried request with the same idempotency key does not act twice';

CREATE FUNCTION case_actions_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'case_actions is append-only';
END;
$$;
CREATE TRIGGER case_actions_no_update BEFORE UPDATE OR DELETE ON case_actions
  FOR EACH ROW EXECUTE FUNCTION case_actions_append_only();

CREATE TABLE case_shares (
  id uuid PRIMARY KEY,
  case_id uuid NOT NULL CONSTRAINT case_shares_case_fk REFERENCES cases (id),
  organisation_id uuid NOT NULL CONSTRAINT case_shares_organisation_fk REFERENCES organisations (id),
  purpose text NOT NULL,
  person_fields text[] NOT NULL DEFAULT '{}',
  consent_event_id uuid CONSTRAINT case_shares_consent_fk REFERENCES consent_events (id),
  granted_by uuid NOT NULL CONSTRAINT case_shares_granted_by_fk REFERENCES users (id),
  granted_at timestamptz NOT NULL,
  revoked_at timestamptz,
  CONSTRAINT case_shares_purpose_known CHECK (purpose IN ('identification_decision', 'referral', 'case_transfer'))
);
CREATE INDEX case_shares_lookup_idx ON case_shares (case_id, organisation_id) WHERE revoked_at IS NULL;
CREATE INDEX case_shares_organisation_idx ON case_shares (organisation_id) WHERE revoked_at IS NULL;
COMMENT ON TABLE case_shares IS 'What an organisation outside the managing one may see of a case, and why; only the listed person fields cross. Withdrawing the consent behind a share revokes it.';
COMMENT ON COLUMN case_shares.person_fields IS 'The minimum data set: which identifying person fields the receiving organisation may read';
