-- Recommendations of monitoring bodies (GRETA, the US TIP report, the Universal Periodic Review, UN treaty bodies, the
-- UN Special Rapporteur, ILO supervisory bodies, the national rapporteur, civil society shadow reports), the
-- government's response kept apart from the implementation status, every change (and every civil society comment)
-- kept as a version in recommendation_history; and two reference series (US TIP tiers, the 3P policy index) imported
-- from published files. Codes are those of contracts vocabularies/recommendations.ts. Plain SQL accepted by
-- PostgreSQL 15 and later and PGlite (pg_trgm: PostgreSQL's contrib package, PGlite's contrib extension).
-- Depends on 0001 (organisations, users).

CREATE EXTENSION IF NOT EXISTS pg_trgm;

CREATE TABLE recommendations (
  id uuid PRIMARY KEY,
  source_body text NOT NULL,
  cycle text NOT NULL,
  issued_on date NOT NULL,
  text text NOT NULL,
  paragraph text NOT NULL DEFAULT '',
  themes text[] NOT NULL,
  addressed_to text NOT NULL DEFAULT '',
  urgency text NOT NULL,
  response text,
  status text NOT NULL DEFAULT 'not_started',
  cluster_id uuid,
  version integer NOT NULL DEFAULT 1,
  recorded_by uuid NOT NULL CONSTRAINT recommendations_recorded_by_fk REFERENCES users (id),
  organisation_id uuid NOT NULL CONSTRAINT recommendations_organisation_fk REFERENCES organisations (id),
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  CONSTRAINT recommendations_text_present CHECK (length(btrim(text)) > 0),
  CONSTRAINT recommendations_themes_named CHECK (cardinality(themes) > 0),
  CONSTRAINT recommendations_response_known CHECK (response IS NULL OR response IN ('accepted', 'noted', 'rejected')),
  CONSTRAINT recommendations_status_known CHECK (status IN ('not_started', 'in_progress', 'partly_implemented', 'implemented'))
);
CREATE INDEX recommendations_issued_idx ON recommendations (issued_on DESC, id);
CREATE INDEX recommendations_cluster_idx ON recommendations (cluster_id) WHERE cluster_id IS NOT NULL;
CREATE INDEX recommendations_text_trgm_idx ON recommendations USING gin (text gin_trgm_ops);
COMMENT ON TABLE recommendations IS 'A recommendation of a monitoring body to the country: no personal data; its current response and status, the versions in recommendation_history';
COMMENT ON COLUMN recommendations.source_body IS 'contracts recommendationBodies (greta, us_tip_report, upr, cedaw, crc, cerd, human_rights_committee, un_special_rapporteur, ilo_supervisory, national_rapporteur, civil_society_shadow)';
COMMENT ON COLUMN recommendations.urgency IS 'As the body grades it: GRETA urges, considers, invites; others as given (recommendationUrgencies)';
COMMENT ON COLUMN recommendations.response IS 'The government''s response (accepted, noted, rejected), NULL until given; apart from the implementation status';
COMMENT ON COLUMN recommendations.cluster_id IS 'Recommendations linked together as one cluster (near-identical texts of different bodies), answered by the same activities';
COMMENT ON COLUMN recommendations.version IS 'The latest version in recommendation_history';

CREATE TABLE recommendation_history (
  recommendation_id uuid NOT NULL CONSTRAINT recommendation_history_recommendation_fk REFERENCES recommendations (id),
  version integer NOT NULL,
  change text NOT NULL,
  response text,
  status text NOT NULL,
  effective_on date NOT NULL,
  evidence text NOT NULL DEFAULT '',
  comment text NOT NULL DEFAULT '',
  recorded_by uuid NOT NULL CONSTRAINT recommendation_history_recorded_by_fk REFERENCES users (id),
  organisation_id uuid NOT NULL CONSTRAINT recommendation_history_organisation_fk REFERENCES organisations (id),
  recorded_at timestamptz NOT NULL DEFAULT now(),
  CONSTRAINT recommendation_history_pk PRIMARY KEY (recommendation_id, version),
  CONSTRAINT recommendation_history_change_known CHECK (change IN ('recorded', 'response', 'status', 'comment', 'clustered')),
  CONSTRAINT recommendation_history_response_known CHECK (response IS NULL OR response IN ('accepted', 'noted', 'rejected')),
  CONSTRAINT recommendation_history_status_known CHECK (status IN ('not_started', 'in_progress', 'partly_implemented', 'implemented')),
  CONSTRAINT recommendation_history_comment_present CHECK (change <> 'comment' OR length(btrim(comment)) > 0)
);
COMMENT ON TABLE recommendation_history IS 'Every version of a recommendation''s response and status, with the change, its evidence and the date it took effect; civil society comments as versions attributed to their organisation; never updated';

CREATE TABLE reference_series_imports (
  id uuid PRIMARY KEY,
  series text NOT NULL,
  file_name text NOT NULL,
  sha256 text NOT NULL,
  rows_imported integer NOT NULL,
  imported_at timestamptz NOT NULL DEFAULT now(),
  CONSTRAINT reference_series_imports_series_known CHECK (series IN ('tip_tiers', 'policy_index_3p')),
  CONSTRAINT reference_series_imports_once UNIQUE (series, sha256)
);
COMMENT ON TABLE reference_series_imports IS 'Each file of a reference series imported (the same file twice changes nothing; a new file of a series replaces its rows)';

CREATE TABLE tip_tier_ratings (
  iso3 text NOT NULL,
  year integer NOT NULL,
  tier text NOT NULL,
  country_name text NOT NULL,
  import_id uuid NOT NULL CONSTRAINT tip_tier_ratings_import_fk REFERENCES reference_series_imports (id),
  CONSTRAINT tip_tier_ratings_pk PRIMARY KEY (iso3, year),
  CONSTRAINT tip_tier_ratings_tier_known CHECK (tier IN ('tier_1', 'tier_2', 'tier_2_watch_list', 'tier_3'))
);
COMMENT ON TABLE tip_tier_ratings IS 'The US Trafficking in Persons report tier per country (ISO 3166-1 alpha-3) and year; years not ranked are absent';

CREATE TABLE policy_index_scores (
  iso3 text NOT NULL,
  year integer NOT NULL,
  country_name text NOT NULL,
  prosecution smallint,
  protection smallint,
  prevention smallint,
  criminalization text,
  import_id uuid NOT NULL CONSTRAINT policy_index_scores_import_fk REFERENCES reference_series_imports (id),
  CONSTRAINT policy_index_scores_pk PRIMARY KEY (iso3, year),
  CONSTRAINT policy_index_scores_range CHECK (prosecution BETWEEN 1 AND 5 AND protection BETWEEN 1 AND 5 AND prevention BETWEEN 1 AND 5),
  CONSTRAINT policy_index_scores_criminalization_known CHECK (criminalization IS NULL OR criminalization IN ('none', 'partial', 'full'))
);
COMMENT ON TABLE policy_index_scores IS 'The 3P anti-trafficking policy index (Cho, Dreher and Neumayer): prosecution, protection and prevention scores 1-5 per country and year (NULL where not scored); the index is their sum';
