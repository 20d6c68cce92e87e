-- The criminal-justice pipeline (decision 0015): operations recorded by a law-enforcement agency, their
-- investigations (each referable to a prosecution office), suspects under pseudonyms with their identity encrypted in
-- the application, and the funnel as dated steps per suspect (arrest, charges, prosecution, plea or trial, verdict per
-- charge, sentence, appeal and its decision, assets). Ids are stable: later links (network entities, victims in
-- proceedings, cross-border requests) point at them. Plain SQL accepted by PostgreSQL 15 and later and PGlite.
-- Depends on 0001 (organisations, users).

CREATE TABLE prosecution_operations (
  id uuid PRIMARY KEY,
  reference text NOT NULL CONSTRAINT prosecution_operations_reference_unique UNIQUE,
  organisation_id uuid NOT NULL CONSTRAINT prosecution_operations_organisation_fk REFERENCES organisations (id),
  name text NOT NULL,
  origin text NOT NULL,
  approach text NOT NULL,
  forms_of_exploitation text[] NOT NULL DEFAULT '{}',
  places jsonb NOT NULL DEFAULT '[]'::jsonb,
  place_names bytea NOT NULL,
  protocol_acts text[] NOT NULL DEFAULT '{}',
  protocol_means text[] NOT NULL DEFAULT '{}',
  protocol_purposes text[] NOT NULL DEFAULT '{}',
  started_on date NOT NULL,
  created_by uuid NOT NULL CONSTRAINT prosecution_operations_created_by_fk REFERENCES users (id),
  created_at timestamptz NOT NULL DEFAULT now(),
  CONSTRAINT prosecution_operations_places_array CHECK (jsonb_typeof(places) = 'array'),
  CONSTRAINT prosecution_operations_approach_known CHECK (approach IN ('reactive', 'proactive', 'disruptive'))
);
CREATE INDEX prosecution_operations_organisation_idx ON prosecution_operations (organisation_id, started_on);
COMMENT ON TABLE prosecution_operations IS 'An operation recorded by a law-enforcement agency (organisation_id); seen by its investigators, the prosecution offices its investigations were referred to, the courts its suspects stand before (in part) and analysts';
COMMENT ON COLUMN prosecution_operations.origin IS 'How it came to light: contracts vocabularies/prosecution.ts operationOrigins';
COMMENT ON COLUMN prosecution_operations.places IS 'Places of recruitment, transit and exploitation: [{stage, country}] in order; the names of the places are in place_names';
COMMENT ON COLUMN prosecution_operations.place_names IS 'Encrypted JSON array of the place names, index for index with places; bound to prosecution_operations.place_names:<id>';
COMMENT ON COLUMN prosecution_operations.protocol_acts IS 'The Protocol elements found in the facts as SHERLOC classifies them (acts, means, purposes), kept apart from the offences charged';

CREATE TABLE prosecution_operation_agencies (
  operation_id uuid NOT NULL CONSTRAINT prosecution_operation_agencies_operation_fk REFERENCES prosecution_operations (id),
  organisation_id uuid NOT NULL CONSTRAINT prosecution_operation_agencies_organisation_fk REFERENCES organisations (id),
  CONSTRAINT prosecution_operation_agencies_pk PRIMARY KEY (operation_id, organisation_id)
);
COMMENT ON TABLE prosecution_operation_agencies IS 'Other organisations that took part in an operation (they gain no access by it)';

CREATE TABLE prosecution_investigations (
  id uuid PRIMARY KEY,
  operation_id uuid NOT NULL CONSTRAINT prosecution_investigations_operation_fk REFERENCES prosecution_operations (id),
  reference text NOT NULL CONSTRAINT prosecution_investigations_reference_unique UNIQUE,
  title text NOT NULL,
  origin text NOT NULL,
  approach text NOT NULL,
  opened_on date NOT NULL,
  prosecution_office_id uuid CONSTRAINT prosecution_investigations_office_fk REFERENCES organisations (id),
  referred_on date,
  created_by uuid NOT NULL CONSTRAINT prosecution_investigations_created_by_fk REFERENCES users (id),
  created_at timestamptz NOT NULL DEFAULT now(),
  CONSTRAINT prosecution_investigations_referral_dated CHECK ((prosecution_office_id IS NULL) = (referred_on IS NULL)),
  CONSTRAINT prosecution_investigations_approach_known CHECK (approach IN ('reactive', 'proactive', 'disruptive'))
);
CREATE INDEX prosecution_investigations_operation_idx ON prosecution_investigations (operation_id);
CREATE INDEX prosecution_investigations_office_idx ON prosecution_investigations (prosecution_office_id);
COMMENT ON COLUMN prosecution_investigations.prosecution_office_id IS 'The prosecution office the investigation was referred to: its prosecutors see the investigation, its operation and its suspects';

CREATE TABLE prosecution_suspects (
  id uuid PRIMARY KEY,
  operation_id uuid NOT NULL CONSTRAINT prosecution_suspects_operation_fk REFERENCES prosecution_operations (id),
  investigation_id uuid NOT NULL CONSTRAINT prosecution_suspects_investigation_fk REFERENCES prosecution_investigations (id),
  pseudonym bytea NOT NULL,
  identity bytea,
  name_index text[] NOT NULL DEFAULT '{}',
  birth_date_index text,
  roles text[] NOT NULL,
  sex text NOT NULL,
  citizenships text[] NOT NULL DEFAULT '{}',
  age_at_offence integer,
  court_organisation_id uuid CONSTRAINT prosecution_suspects_court_fk REFERENCES organisations (id),
  created_by uuid NOT NULL CONSTRAINT prosecution_suspects_created_by_fk REFERENCES users (id),
  created_at timestamptz NOT NULL DEFAULT now(),
  CONSTRAINT prosecution_suspects_sex_known CHECK (sex IN ('female', 'male', 'unknown')),
  CONSTRAINT prosecution_suspects_roles_named CHECK (cardinality(roles) > 0),
  CONSTRAINT prosecution_suspects_age CHECK (age_at_offence IS NULL OR age_at_offence BETWEEN 10 AND 110)
);
CREATE INDEX prosecution_suspects_operation_idx ON prosecution_suspects (operation_id, created_at);
CREATE INDEX prosecution_suspects_investigation_idx ON prosecution_suspects (investigation_id);
CREATE INDEX prosecution_suspects_court_idx ON prosecution_suspects (court_organisation_id);
CREATE INDEX prosecution_suspects_name_index_gin ON prosecution_suspects USING gin (name_index);
COMMENT ON TABLE prosecution_suspects IS 'A suspect under a pseudonym; the id is stable across operations (network links, victims in proceedings and requests will name it)';
COMMENT ON COLUMN prosecution_suspects.pseudonym IS 'The name the case uses, AES-256-GCM encrypted, bound to prosecution_suspects.pseudonym:<id>';
COMMENT ON COLUMN prosecution_suspects.identity IS 'Encrypted JSON {givenName?, familyName?, aliases?, birthDate?, identityNumber?}, bound to prosecution_suspects.identity:<id>; every read and write audited';
COMMENT ON COLUMN prosecution_suspects.name_index IS 'Keyed blind index of the name tokens (as persons.name_index), to find the same person across operations';
COMMENT ON COLUMN prosecution_suspects.court_organisation_id IS 'The court the prosecution was brought before (set by the prosecution step): its clerks record the court outcomes';

CREATE TABLE prosecution_steps (
  id uuid PRIMARY KEY,
  suspect_id uuid NOT NULL CONSTRAINT prosecution_steps_suspect_fk REFERENCES prosecution_suspects (id),
  kind text NOT NULL,
  occurred_on date NOT NULL,
  ref_step_id uuid CONSTRAINT prosecution_steps_ref_fk REFERENCES prosecution_steps (id),
  data jsonb NOT NULL DEFAULT '{}'::jsonb,
  recorded_by uuid NOT NULL CONSTRAINT prosecution_steps_recorded_by_fk REFERENCES users (id),
  organisation_id uuid NOT NULL CONSTRAINT prosecution_steps_organisation_fk REFERENCES organisations (id),
  recorded_at timestamptz NOT NULL DEFAULT now(),
  CONSTRAINT prosecution_steps_kind_known CHECK (kind IN ('arrest', 'charge', 'prosecution', 'plea', 'trial', 'verdict', 'sentence', 'appeal',
    'appeal_decision', 'assets_seized', 'assets_confiscated', 'compensation_paid')),
  CONSTRAINT prosecution_steps_ref_named CHECK ((kind IN ('verdict', 'appeal', 'appeal_decision')) = (ref_step_id IS NOT NULL)),
  CONSTRAINT prosecution_steps_data_object CHECK (jsonb_typeof(data) = 'object')
);
CREATE INDEX prosecution_steps_suspect_idx ON prosecution_steps (suspect_id, occurred_on);
CREATE INDEX prosecution_steps_kind_idx ON prosecution_steps (kind, occurred_on);
CREATE UNIQUE INDEX prosecution_steps_one_verdict_per_charge ON prosecution_steps (ref_step_id) WHERE kind = 'verdict';
CREATE UNIQUE INDEX prosecution_steps_one_decision_per_appeal ON prosecution_steps (ref_step_id) WHERE kind = 'appeal_decision';
COMMENT ON TABLE prosecution_steps IS 'The funnel per suspect, every step dated; a verdict names its charge, an appeal its verdict, an appeal decision its appeal (ref_step_id)';
COMMENT ON COLUMN prosecution_steps.data IS 'The fields of the step kind (provision and category of a charge, outcome and offence convicted of a verdict, months and fine of a sentence, amounts of assets), shape recordStepRequest in contracts api/prosecution.ts';
COMMENT ON COLUMN prosecution_steps.organisation_id IS 'The organisation of the user who recorded the step';
