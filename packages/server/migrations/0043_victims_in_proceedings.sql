-- Victims in criminal proceedings: a victim's case linked to an investigation (and, when known, a suspect's
-- proceedings) only with the person's consent to share with law enforcement, checked when the link is made; law
-- enforcement reads the link only while that consent is in force (person_consents), her caseworker always. Nothing in
-- the case's assistance reads these tables. Her cooperation (graduated, her choice, dated), the protection measures in
-- court requested and provided, non-punishment claims and compensation claims (amounts in minor units with the
-- currency). Initials only, encrypted in the application. Plain SQL for PostgreSQL 15 and later and PGlite.
-- Depends on 0001 (cases, users, organisations) and 0033 (investigations, suspects).

CREATE TABLE proceeding_victims (
  id uuid PRIMARY KEY,
  case_id uuid NOT NULL CONSTRAINT proceeding_victims_case_fk REFERENCES cases (id),
  investigation_id uuid NOT NULL CONSTRAINT proceeding_victims_investigation_fk REFERENCES prosecution_investigations (id),
  suspect_id uuid CONSTRAINT proceeding_victims_suspect_fk REFERENCES prosecution_suspects (id),
  standing text NOT NULL,
  linked_on date NOT NULL,
  initials bytea NOT NULL,
  linked_by uuid NOT NULL CONSTRAINT proceeding_victims_linked_by_fk REFERENCES users (id),
  organisation_id uuid NOT NULL CONSTRAINT proceeding_victims_organisation_fk REFERENCES organisations (id),
  created_at timestamptz NOT NULL DEFAULT now(),
  CONSTRAINT proceeding_victims_standing_known CHECK (standing IN ('witness', 'injured_party', 'civil_party')),
  CONSTRAINT proceeding_victims_once UNIQUE (case_id, investigation_id)
);
CREATE INDEX proceeding_victims_investigation_idx ON proceeding_victims (investigation_id);
COMMENT ON TABLE proceeding_victims IS 'A victim''s case linked to an investigation, made only with her consent to law enforcement; law enforcement reads it only while that consent is in force';
COMMENT ON COLUMN proceeding_victims.initials IS 'Her initials (at most what the prosecution sees), AES-256-GCM encrypted, bound to proceeding_victims.initials:<id>';
COMMENT ON COLUMN proceeding_victims.organisation_id IS 'The organisation of the caseworker who made the link (the holding organisation then)';

CREATE TABLE proceeding_victim_cooperation (
  id uuid PRIMARY KEY,
  victim_id uuid NOT NULL CONSTRAINT proceeding_victim_cooperation_victim_fk REFERENCES proceeding_victims (id),
  level text NOT NULL,
  chosen_on date NOT NULL,
  recorded_by uuid NOT NULL CONSTRAINT proceeding_victim_cooperation_recorded_by_fk REFERENCES users (id),
  recorded_at timestamptz NOT NULL DEFAULT now(),
  CONSTRAINT proceeding_victim_cooperation_level_known CHECK (level IN ('none', 'information', 'statement', 'complaint', 'testimony'))
);
CREATE INDEX proceeding_victim_cooperation_victim_idx ON proceeding_victim_cooperation (victim_id, chosen_on);
COMMENT ON TABLE proceeding_victim_cooperation IS 'Her choices of how far to cooperate, each dated; the latest is in force; every choice kept';

CREATE TABLE proceeding_victim_protection (
  id uuid PRIMARY KEY,
  victim_id uuid NOT NULL CONSTRAINT proceeding_victim_protection_victim_fk REFERENCES proceeding_victims (id),
  measure text NOT NULL,
  requested_on date NOT NULL,
  outcome text NOT NULL,
  decided_on date,
  recorded_by uuid NOT NULL CONSTRAINT proceeding_victim_protection_recorded_by_fk REFERENCES users (id),
  recorded_at timestamptz NOT NULL DEFAULT now(),
  CONSTRAINT proceeding_victim_protection_measure_known CHECK (measure IN ('screen', 'video_link', 'support_person', 'identity_protection', 'escort', 'closed_hearing')),
  CONSTRAINT proceeding_victim_protection_outcome_known CHECK (outcome IN ('pending', 'provided', 'refused')),
  CONSTRAINT proceeding_victim_protection_decided CHECK (decided_on IS NULL OR decided_on >= requested_on),
  CONSTRAINT proceeding_victim_protection_once UNIQUE (victim_id, measure)
);
COMMENT ON TABLE proceeding_victim_protection IS 'Protection measures in court: requested, and whether provided (one row per measure, updated)';

CREATE TABLE proceeding_victim_non_punishment (
  id uuid PRIMARY KEY,
  victim_id uuid NOT NULL CONSTRAINT proceeding_victim_non_punishment_victim_fk REFERENCES proceeding_victims (id),
  offence text NOT NULL,
  claimed_on date NOT NULL,
  outcome text NOT NULL,
  decided_on date,
  recorded_by uuid NOT NULL CONSTRAINT proceeding_victim_non_punishment_recorded_by_fk REFERENCES users (id),
  recorded_at timestamptz NOT NULL DEFAULT now(),
  CONSTRAINT proceeding_victim_non_punishment_offence_known CHECK (offence IN ('immigration', 'document_fraud', 'sex_work', 'drugs', 'theft', 'begging', 'other')),
  CONSTRAINT proceeding_victim_non_punishment_outcome_known CHECK (outcome IN ('pending', 'granted', 'refused')),
  CONSTRAINT proceeding_victim_non_punishment_decided CHECK (decided_on IS NULL OR decided_on >= claimed_on)
);
CREATE INDEX proceeding_victim_non_punishment_victim_idx ON proceeding_victim_non_punishment (victim_id);
COMMENT ON TABLE proceeding_victim_non_punishment IS 'Claims not to be punished for offences she was made to commit, and their outcome';

CREATE TABLE proceeding_victim_compensation (
  id uuid PRIMARY KEY,
  victim_id uuid NOT NULL CONSTRAINT proceeding_victim_compensation_victim_fk REFERENCES proceeding_victims (id),
  route text NOT NULL,
  claimed_on date NOT NULL,
  currency text NOT NULL,
  amount_ordered bigint,
  ordered_on date,
  amount_paid bigint,
  paid_on date,
  paid_above_order_reason text,
  recorded_by uuid NOT NULL CONSTRAINT proceeding_victim_compensation_recorded_by_fk REFERENCES users (id),
  recorded_at timestamptz NOT NULL DEFAULT now(),
  CONSTRAINT proceeding_victim_compensation_route_known CHECK (route IN ('criminal_proceedings', 'civil_proceedings', 'state_fund')),
  CONSTRAINT proceeding_victim_compensation_currency CHECK (currency ~ '^[A-Z]{3}$'),
  CONSTRAINT proceeding_victim_compensation_amounts CHECK ((amount_ordered IS NULL OR amount_ordered >= 0) AND (amount_paid IS NULL OR amount_paid >= 0)),
  CONSTRAINT proceeding_victim_compensation_ordered_dated CHECK ((amount_ordered IS NULL) = (ordered_on IS NULL)),
  CONSTRAINT proceeding_victim_compensation_paid_dated CHECK ((amount_paid IS NULL) = (paid_on IS NULL)),
  CONSTRAINT proceeding_victim_compensation_paid_above CHECK (amount_paid IS NULL OR amount_ordered IS NULL OR amount_paid <= amount_ordered OR paid_above_order_reason IS NOT NULL)
);
CREATE INDEX proceeding_victim_compensation_victim_idx ON proceeding_victim_compensation (victim_id);
COMMENT ON TABLE proceeding_victim_compensation IS 'Compensation claimed in criminal or civil proceedings or from the state fund: ordered and paid, in minor units of currency';
