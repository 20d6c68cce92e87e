-- The person's account of what happened, as HTCDS v2.0 models the trafficking experience: the account in her words
-- and the first responder's reasons (one statement per case), the exploitation situations (one or more per case) and
-- the persons and organisations who exploited her. Every change is kept as a revision (who, when, the whole value).
-- Structured fields (codes, dates, country codes) are jsonb validated by the contracts (api/account.ts); free text and
-- identities are AES-256-GCM ciphertext bound to their row and column.
-- Plain SQL accepted by PostgreSQL 15 and later and PGlite. Depends on 0001 and 0003.

CREATE TABLE account_statements (
  case_id uuid PRIMARY KEY CONSTRAINT account_statements_case_fk REFERENCES cases (id),
  version integer NOT NULL DEFAULT 1,
  personal bytea NOT NULL,
  created_by uuid NOT NULL CONSTRAINT account_statements_created_by_fk REFERENCES users (id),
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_by uuid NOT NULL CONSTRAINT account_statements_updated_by_fk REFERENCES users (id),
  updated_at timestamptz NOT NULL DEFAULT now(),
  CONSTRAINT account_statements_version_positive CHECK (version > 0)
);
COMMENT ON TABLE account_statements IS 'The person''s account in her words and the first responder''s reasons: one per case, corrected in place, every version kept in account_revisions';
COMMENT ON COLUMN account_statements.personal IS 'Encrypted JSON {personAccount?, responderReasons?}, each a known/unknown/declined answer; bound to account_statements.personal:<case_id>';
COMMENT ON COLUMN account_statements.version IS 'Optimistic concurrency: a correction names the version it read';

CREATE TABLE account_situations (
  id uuid PRIMARY KEY,
  case_id uuid NOT NULL CONSTRAINT account_situations_case_fk REFERENCES cases (id),
  version integer NOT NULL DEFAULT 1,
  data jsonb NOT NULL DEFAULT '{}'::jsonb,
  personal bytea NOT NULL,
  created_by uuid NOT NULL CONSTRAINT account_situations_created_by_fk REFERENCES users (id),
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_by uuid NOT NULL CONSTRAINT account_situations_updated_by_fk REFERENCES users (id),
  updated_at timestamptz NOT NULL DEFAULT now(),
  CONSTRAINT account_situations_version_positive CHECK (version > 0),
  CONSTRAINT account_situations_data_object CHECK (jsonb_typeof(data) = 'object')
);
CREATE INDEX account_situations_case_idx ON account_situations (case_id, created_at);
COMMENT ON TABLE account_situations IS 'One exploitation situation of a case (HTCDS vic_ and hte_ fields): forms and sub-types, when, where, recruitment, control, how it ended';
COMMENT ON COLUMN account_situations.data IS 'Structured fields only (codes, dates, ages, ISO 3166-1 alpha-2 countries), shape SituationData in contracts api/account.ts; each field absent (not recorded) or {"state":"known","value":...} | {"state":"unknown"} | {"state":"declined"}';
COMMENT ON COLUMN account_situations.personal IS 'Encrypted JSON {promised?, placeTexts[]}: what was promised and the place named for each entry of data.places (same index); bound to account_situations.personal:<id>';

CREATE TABLE account_exploiters (
  id uuid PRIMARY KEY,
  case_id uuid NOT NULL CONSTRAINT account_exploiters_case_fk REFERENCES cases (id),
  version integer NOT NULL DEFAULT 1,
  kind text NOT NULL,
  data jsonb NOT NULL DEFAULT '{}'::jsonb,
  pseudonym bytea NOT NULL,
  personal bytea NOT NULL,
  suspect_link_id uuid,
  created_by uuid NOT NULL CONSTRAINT account_exploiters_created_by_fk REFERENCES users (id),
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_by uuid NOT NULL CONSTRAINT account_exploiters_updated_by_fk REFERENCES users (id),
  updated_at timestamptz NOT NULL DEFAULT now(),
  CONSTRAINT account_exploiters_kind_known CHECK (kind IN ('person', 'organisation')),
  CONSTRAINT account_exploiters_version_positive CHECK (version > 0),
  CONSTRAINT account_exploiters_data_object CHECK (jsonb_typeof(data) = 'object')
);
CREATE INDEX account_exploiters_case_idx ON account_exploiters (case_id, created_at);
COMMENT ON TABLE account_exploiters IS 'A person or organisation who exploited her, as she or the first responder names them; seen by law enforcement only with her consent to law enforcement';
COMMENT ON COLUMN account_exploiters.data IS 'Structured fields (roles, relationship to her, country believed to be in, number of other potential victims), shape ExploiterData in contracts api/account.ts';
COMMENT ON COLUMN account_exploiters.pseudonym IS 'The name the case uses for them, encrypted; bound to account_exploiters.pseudonym:<id>';
COMMENT ON COLUMN account_exploiters.personal IS 'Encrypted JSON {identity?, whereabouts?, otherVictims?}: names and description, where they are believed to be, the other potential victims she mentions; bound to account_exploiters.personal:<id>';
COMMENT ON COLUMN account_exploiters.suspect_link_id IS 'The suspect record of a prosecution pipeline this exploiter is linked to, when one exists. Deliberately no foreign key: the pipeline lives outside this schema; nothing is copied between them';

CREATE TABLE account_revisions (
  id uuid PRIMARY KEY,
  case_id uuid NOT NULL CONSTRAINT account_revisions_case_fk REFERENCES cases (id),
  record_type text NOT NULL,
  record_id uuid NOT NULL,
  version integer NOT NULL,
  kind text,
  data jsonb NOT NULL DEFAULT '{}'::jsonb,
  pseudonym bytea,
  personal bytea NOT NULL,
  suspect_link_id uuid,
  author_user_id uuid NOT NULL CONSTRAINT account_revisions_author_fk REFERENCES users (id),
  organisation_id uuid NOT NULL CONSTRAINT account_revisions_organisation_fk REFERENCES organisations (id),
  created_at timestamptz NOT NULL DEFAULT now(),
  CONSTRAINT account_revisions_type_known CHECK (record_type IN ('statement', 'situation', 'exploiter')),
  CONSTRAINT account_revisions_version_positive CHECK (version > 0),
  CONSTRAINT account_revisions_data_object CHECK (jsonb_typeof(data) = 'object'),
  CONSTRAINT account_revisions_once UNIQUE (record_type, record_id, version)
);
CREATE INDEX account_revisions_case_idx ON account_revisions (case_id, record_type, record_id, version);
COMMENT ON TABLE account_revisions IS 'Every version of every statement, situation and exploiter, the current one included: who wrote it, when, the whole value. Append-only';
COMMENT ON COLUMN account_revisions.record_id IS 'account_statements.case_id, account_situations.id or account_exploiters.id, by record_type';
COMMENT ON COLUMN account_revisions.personal IS 'The version''s encrypted JSON, bound to account_revisions.personal:<id>';
COMMENT ON COLUMN account_revisions.pseudonym IS 'An exploiter version''s pseudonym, bound to account_revisions.pseudonym:<id>';

CREATE FUNCTION account_revisions_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'account_revisions is append-only: a correction adds a revision';
END;
$$;
CREATE TRIGGER account_revisions_no_change BEFORE UPDATE OR DELETE ON account_revisions
  FOR EACH ROW EXECUTE FUNCTION account_revisions_append_only();
COMMENT ON FUNCTION account_revisions_append_only() IS 'Revisions are never updated or deleted; restore disables user triggers while it reloads';
