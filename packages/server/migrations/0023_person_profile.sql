-- The rest of the referral form (UK National Referral Mechanism): report to the police, languages and interpreter,
-- identity and immigration documents by type, age assessment and the safeguarding authority, safe contact and who
-- receives the decision, background. One row per case; each section is a JSON document encrypted in the application
-- (AES-256-GCM, bound to person_profiles.<column>:<case id>), so only the sections a reader may see are decrypted.
-- case_fact_history keeps, for every correction of a section or of the intake (notes, country of exploitation), who
-- changed it, when, and the earlier value (encrypted the same way). Plain SQL for PostgreSQL 15+ and PGlite.

CREATE TABLE person_profiles (
  case_id uuid PRIMARY KEY CONSTRAINT person_profiles_case_fk REFERENCES cases (id),
  police_report bytea,
  communication bytea,
  identity_documents bytea,
  age_assessment bytea,
  safe_contact bytea,
  decision_recipient bytea,
  background bytea,
  version integer NOT NULL DEFAULT 1,
  updated_by uuid NOT NULL CONSTRAINT person_profiles_updated_by_fk REFERENCES users (id),
  updated_at timestamptz NOT NULL DEFAULT now()
);
COMMENT ON TABLE person_profiles IS 'The referral form''s facts about the person beyond identity, per case; every section encrypted, read under the personProfile field policy';
COMMENT ON COLUMN person_profiles.police_report IS 'Reported to the police (force, crime reference): a fact, kept apart from the consent to share with law enforcement; encrypted JSON';
COMMENT ON COLUMN person_profiles.communication IS 'Languages spoken, interpreter needed and in which language, other help with communication; encrypted JSON';
COMMENT ON COLUMN person_profiles.identity_documents IS 'Identity and immigration documents by type (type, number, issuing country, who holds it); encrypted JSON';
COMMENT ON COLUMN person_profiles.age_assessment IS 'Under 18 (yes, no, not sure), age assessment (not sure, assessed, disputed), safeguarding authority informed; encrypted JSON';
COMMENT ON COLUMN person_profiles.safe_contact IS 'Channels that are safe, a trusted third party; encrypted JSON';
COMMENT ON COLUMN person_profiles.decision_recipient IS 'Who receives the decision (the person, a named third party with the person''s permission, the first responder); encrypted JSON';
COMMENT ON COLUMN person_profiles.background IS 'Place of birth, family, education, employment history, where the person wishes; encrypted JSON';
COMMENT ON COLUMN person_profiles.version IS 'Optimistic concurrency: every correction names the version it read';

CREATE TABLE case_fact_history (
  id uuid PRIMARY KEY,
  case_id uuid NOT NULL CONSTRAINT case_fact_history_case_fk REFERENCES cases (id),
  section text NOT NULL,
  earlier_value bytea,
  changed_by uuid NOT NULL CONSTRAINT case_fact_history_changed_by_fk REFERENCES users (id),
  organisation_id uuid NOT NULL CONSTRAINT case_fact_history_organisation_fk REFERENCES organisations (id),
  changed_at timestamptz NOT NULL DEFAULT clock_timestamp(),
  CONSTRAINT case_fact_history_section_known CHECK (section IN ('policeReport', 'communication', 'identityDocuments', 'ageAssessment',
    'safeContact', 'decisionRecipient', 'background', 'intakeNotes', 'countryOfExploitation'))
);
CREATE INDEX case_fact_history_case_idx ON case_fact_history (case_id, changed_at);
COMMENT ON TABLE case_fact_history IS 'Append-only: every correction of a referral-form section or of the intake, with who, when and the earlier value';
COMMENT ON COLUMN case_fact_history.earlier_value IS 'The value before the change as JSON, encrypted, bound to case_fact_history.earlier_value:<id>; NULL when nothing was recorded before';

CREATE FUNCTION case_fact_history_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'case_fact_history is append-only';
END;
$$;
CREATE TRIGGER case_fact_history_no_update BEFORE UPDATE OR DELETE ON case_fact_history
  FOR EACH ROW EXECUTE FUNCTION case_fact_history_append_only();
