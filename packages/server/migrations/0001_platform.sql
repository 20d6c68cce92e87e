-- Platform foundation: organisations, users, sessions, encryption keys, audit log.
-- Plain SQL accepted by PostgreSQL 15 and later (the server) and PGlite (PostgreSQL 18, embedded).

CREATE TABLE organisations (
  id uuid PRIMARY KEY,
  name text NOT NULL,
  type text NOT NULL,
  jurisdictions text[] NOT NULL DEFAULT '{}',
  active boolean NOT NULL DEFAULT true,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  CONSTRAINT organisations_name_unique UNIQUE (name),
  CONSTRAINT organisations_type_known CHECK (type IN ('ngo', 'shelter', 'law_enforcement', 'border_guard',
    'labour_inspectorate', 'prosecutor', 'court', 'competent_authority', 'social_services', 'health', 'immigration',
    'embassy', 'international_organisation', 'national_coordinator', 'national_rapporteur'))
);
COMMENT ON TABLE organisations IS 'Agencies that use Palermo: NGOs, police, the competent authority, the rapporteur...';
COMMENT ON COLUMN organisations.type IS 'Palermo organisation type; maps to HTCDS org_Type (contracts: organisationTypeToHtcds)';
COMMENT ON COLUMN organisations.jurisdictions IS 'Region or district codes the organisation works in (jurisdiction access condition)';

CREATE TABLE users (
  id uuid PRIMARY KEY,
  organisation_id uuid NOT NULL CONSTRAINT users_organisation_fk REFERENCES organisations (id),
  display_name text NOT NULL,
  email text NOT NULL,
  password_hash text NOT NULL,
  roles text[] NOT NULL,
  active boolean NOT NULL DEFAULT true,
  failed_sign_ins integer NOT NULL DEFAULT 0,
  locked_until timestamptz,
  locked boolean NOT NULL DEFAULT false,
  totp_secret bytea,
  totp_enrolled_at timestamptz,
  totp_last_step bigint,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  CONSTRAINT users_email_unique UNIQUE (email),
  CONSTRAINT users_email_lower CHECK (email = lower(email)),
  CONSTRAINT users_roles_not_empty CHECK (cardinality(roles) > 0)
);
COMMENT ON TABLE users IS 'Staff of organisations; one organisation each. Survivors are never users here.';
COMMENT ON COLUMN users.password_hash IS 'argon2id PHC string';
COMMENT ON COLUMN users.totp_secret IS 'TOTP shared secret, encrypted with a data key (AES-256-GCM)';
COMMENT ON COLUMN users.totp_last_step IS 'Last accepted TOTP time step: a code is never accepted twice';
COMMENT ON COLUMN users.locked IS 'Locked after repeated failed sign-ins until an administrator unlocks';

CREATE TABLE sessions (
  id uuid PRIMARY KEY,
  token_hash bytea NOT NULL,
  user_id uuid NOT NULL CONSTRAINT sessions_user_fk REFERENCES users (id) ON DELETE CASCADE,
  stage text NOT NULL,
  csrf_token text NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  last_seen_at timestamptz NOT NULL DEFAULT now(),
  expires_at timestamptz NOT NULL,
  CONSTRAINT sessions_token_hash_unique UNIQUE (token_hash),
  CONSTRAINT sessions_stage_known CHECK (stage IN ('two_factor_required', 'two_factor_enrolment_required', 'active'))
);
CREATE INDEX sessions_user_idx ON sessions (user_id);
COMMENT ON TABLE sessions IS 'Server-side sessions; the cookie holds a random token whose SHA-256 is token_hash';

CREATE TABLE data_keys (
  id uuid PRIMARY KEY,
  master_key_id text NOT NULL,
  wrapped_key bytea NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  retired_at timestamptz
);
COMMENT ON TABLE data_keys IS 'Envelope encryption: AES-256 data keys, each wrapped (AES-256-GCM) by a master key kept outside the database';

CREATE TABLE audit_log (
  seq bigint PRIMARY KEY,
  occurred_at timestamptz NOT NULL,
  actor_user_id uuid,
  actor_name text,
  organisation_id uuid,
  action text NOT NULL,
  record_type text,
  record_id text,
  purpose text NOT NULL,
  summary text NOT NULL,
  outcome text NOT NULL,
  prev_hash bytea NOT NULL,
  hash bytea NOT NULL,
  CONSTRAINT audit_log_outcome_known CHECK (outcome IN ('allowed', 'denied', 'failed'))
);
CREATE INDEX audit_log_actor_idx ON audit_log (actor_user_id, seq);
CREATE INDEX audit_log_record_idx ON audit_log (record_id, seq);
CREATE INDEX audit_log_time_idx ON audit_log (occurred_at);
COMMENT ON TABLE audit_log IS 'Every read and write of personal data and every security event; hash chained (hash = SHA-256 of prev_hash and the entry). Never the raw payload.';

CREATE TABLE audit_head (
  id integer PRIMARY KEY CONSTRAINT audit_head_single CHECK (id = 1),
  seq bigint NOT NULL,
  hash bytea NOT NULL
);
COMMENT ON TABLE audit_head IS 'The newest audit entry; locked by each writer so that the chain has one order';
INSERT INTO audit_head (id, seq, hash) VALUES (1, 0, '\x0000000000000000000000000000000000000000000000000000000000000000');

CREATE FUNCTION audit_log_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'audit_log is append-only';
END;
$$;
CREATE TRIGGER audit_log_no_update BEFORE UPDATE OR DELETE ON audit_log
  FOR EACH ROW EXECUTE FUNCTION audit_log_append_only();

-- A minimal personal record; the case-management module builds on it.
CREATE TABLE persons (
  id uuid PRIMARY KEY,
  reference text NOT NULL,
  organisation_id uuid NOT NULL CONSTRAINT persons_organisation_fk REFERENCES organisations (id),
  case_manager_user_id uuid CONSTRAINT persons_case_manager_fk REFERENCES users (id),
  jurisdiction text,
  given_name bytea,
  family_name bytea,
  pseudonym bytea,
  birth_date bytea,
  phone bytea,
  address bytea,
  identity_number bytea,
  notes bytea,
  created_by uuid NOT NULL CONSTRAINT persons_created_by_fk REFERENCES users (id),
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  version integer NOT NULL DEFAULT 1,
  CONSTRAINT persons_reference_unique UNIQUE (reference)
);
CREATE INDEX persons_organisation_idx ON persons (organisation_id, created_at);
CREATE INDEX persons_case_manager_idx ON persons (case_manager_user_id);
COMMENT ON TABLE persons IS 'Survivors and presumed victims. Every identifying column is AES-256-GCM ciphertext bound to (table, column, id).';

CREATE TABLE person_consents (
  person_id uuid NOT NULL CONSTRAINT person_consents_person_fk REFERENCES persons (id),
  purpose text NOT NULL,
  status text NOT NULL,
  recorded_by uuid NOT NULL CONSTRAINT person_consents_recorded_by_fk REFERENCES users (id),
  recorded_at timestamptz NOT NULL,
  CONSTRAINT person_consents_pk PRIMARY KEY (person_id, purpose),
  CONSTRAINT person_consents_purpose_known CHECK (purpose IN ('assistance', 'referral', 'law_enforcement', 'statistics', 'country_of_origin')),
  CONSTRAINT person_consents_status_known CHECK (status IN ('given', 'refused', 'withdrawn'))
);
COMMENT ON TABLE person_consents IS 'The current state of consent per purpose; each change is in the audit log';
