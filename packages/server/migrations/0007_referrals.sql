-- Referrals in the National Referral Mechanism: a person referred to another organisation for a service, or case
-- management handed over to it. Each referral rests on the person's consent to referral to that named organisation
-- and creates one case_shares row carrying only the minimum data set of the service.

CREATE TABLE referrals (
  id uuid PRIMARY KEY,
  case_id uuid NOT NULL CONSTRAINT referrals_case_fk REFERENCES cases (id),
  kind text NOT NULL DEFAULT 'service',
  service text,
  from_organisation_id uuid NOT NULL CONSTRAINT referrals_from_organisation_fk REFERENCES organisations (id),
  to_organisation_id uuid NOT NULL CONSTRAINT referrals_to_organisation_fk REFERENCES organisations (id),
  status text NOT NULL DEFAULT 'sent',
  urgency text NOT NULL DEFAULT 'routine',
  person_fields text[] NOT NULL DEFAULT '{}',
  message bytea,
  consent_event_id uuid NOT NULL CONSTRAINT referrals_consent_fk REFERENCES consent_events (id),
  share_id uuid NOT NULL CONSTRAINT referrals_share_fk REFERENCES case_shares (id),
  sent_by uuid NOT NULL CONSTRAINT referrals_sent_by_fk REFERENCES users (id),
  sent_at timestamptz NOT NULL,
  accepted_by uuid CONSTRAINT referrals_accepted_by_fk REFERENCES users (id),
  accepted_at timestamptz,
  declined_by uuid CONSTRAINT referrals_declined_by_fk REFERENCES users (id),
  declined_at timestamptz,
  decline_reason bytea,
  completed_by uuid CONSTRAINT referrals_completed_by_fk REFERENCES users (id),
  completed_at timestamptz,
  delivered_from date,
  delivered_to date,
  completion_note bytea,
  withdrawn_by uuid CONSTRAINT referrals_withdrawn_by_fk REFERENCES users (id),
  withdrawn_at timestamptz,
  updated_at timestamptz NOT NULL DEFAULT now(),
  CONSTRAINT referrals_share_unique UNIQUE (share_id),
  CONSTRAINT referrals_kind_known CHECK (kind IN ('service', 'case_transfer')),
  CONSTRAINT referrals_service_known CHECK (service IS NULL OR service IN ('medical', 'safety', 'shelter', 'food',
    'psychosocial', 'legal', 'interpretation', 'documents', 'financial', 'education', 'work')),
  CONSTRAINT referrals_service_named CHECK (kind = 'case_transfer' OR service IS NOT NULL),
  CONSTRAINT referrals_status_known CHECK (status IN ('sent', 'accepted', 'declined', 'completed', 'withdrawn')),
  CONSTRAINT referrals_urgency_known CHECK (urgency IN ('routine', 'urgent', 'emergency')),
  CONSTRAINT referrals_person_fields_known CHECK (person_fields <@ ARRAY['givenName', 'familyName', 'pseudonym',
    'birthDate', 'phone', 'address', 'identityNumber']::text[]),
  CONSTRAINT referrals_not_to_self CHECK (from_organisation_id <> to_organisation_id),
  CONSTRAINT referrals_accepted_recorded CHECK ((accepted_at IS NULL) = (accepted_by IS NULL)
    AND (status NOT IN ('accepted', 'completed') OR accepted_at IS NOT NULL)),
  CONSTRAINT referrals_declined_recorded CHECK ((status = 'declined') = (declined_at IS NOT NULL)
    AND (declined_at IS NULL) = (declined_by IS NULL) AND (declined_at IS NULL) = (decline_reason IS NULL)),
  CONSTRAINT referrals_completed_recorded CHECK ((status = 'completed') = (completed_at IS NOT NULL)
    AND (completed_at IS NULL) = (completed_by IS NULL) AND (completed_at IS NULL) = (delivered_from IS NULL)),
  CONSTRAINT referrals_withdrawn_recorded CHECK ((status = 'withdrawn') = (withdrawn_at IS NOT NULL)
    AND (withdrawn_at IS NULL) = (withdrawn_by IS NULL)),
  CONSTRAINT referrals_delivery_dates_ordered CHECK (delivered_to IS NULL OR delivered_to >= delivered_from),
  CONSTRAINT referrals_transfer_not_completed CHECK (kind = 'service' OR status <> 'completed')
);
CREATE INDEX referrals_inbox_idx ON referrals (to_organisation_id, status, sent_at DESC);
CREATE INDEX referrals_outbox_idx ON referrals (from_organisation_id, status, sent_at DESC);
CREATE INDEX referrals_case_idx ON referrals (case_id, sent_at);
-- One open referral per case, organisation and service; one open offer of case management per case.
CREATE UNIQUE INDEX referrals_one_open_service ON referrals (case_id, to_organisation_id, service)
  WHERE kind = 'service' AND status IN ('sent', 'accepted');
CREATE UNIQUE INDEX referrals_one_open_transfer ON referrals (case_id) WHERE kind = 'case_transfer' AND status = 'sent';

COMMENT ON TABLE referrals IS 'NRM referrals: a person referred to an organisation for a service, or case management handed over to it. Sent only with consent in force to referral to that organisation; the receiving organisation decides eligibility.';
COMMENT ON COLUMN referrals.kind IS 'service: the receiver provides a service; case_transfer: on acceptance the receiver becomes the managing organisation';
COMMENT ON COLUMN referrals.service IS 'The protection service asked for (vocabulary protectionServices); optional for a case transfer';
COMMENT ON COLUMN referrals.status IS 'sent -> accepted | declined | withdrawn; accepted -> completed (service delivered) | withdrawn';
COMMENT ON COLUMN referrals.person_fields IS 'The minimum data set sent: names of the person fields the receiver may read, a subset of the service''s default set';
COMMENT ON COLUMN referrals.message IS 'Free text from the sender to the receiver, encrypted';
COMMENT ON COLUMN referrals.consent_event_id IS 'The consent to referral to the receiving organisation that was in force when the referral was sent';
COMMENT ON COLUMN referrals.share_id IS 'The case_shares row this referral created; revoked when the referral is declined, withdrawn, completed, the case is handed over, or consent is withdrawn';
COMMENT ON COLUMN referrals.decline_reason IS 'Why the receiving organisation declined (eligibility, capacity), encrypted';
COMMENT ON COLUMN referrals.delivered_from IS 'First day the service was delivered';
COMMENT ON COLUMN referrals.delivered_to IS 'Last day the service was delivered; null: delivered on one day';
COMMENT ON COLUMN referrals.completion_note IS 'What was delivered, encrypted';
