-- Privacy-safe releases of the statistical records (k-anonymous or differentially private synthetic files) and the
-- privacy-budget ledger: every release against a dataset is recorded with what it spent, and the sum of what the
-- releases of a dataset spent may never exceed the dataset's budget (basic composition: epsilons add up, deltas add up).

CREATE TABLE release_budgets (
  dataset_id uuid PRIMARY KEY CONSTRAINT release_budgets_dataset_fk REFERENCES statistical_datasets (id) ON DELETE CASCADE,
  total_epsilon double precision NOT NULL,
  total_delta double precision NOT NULL,
  set_by text NOT NULL,
  set_by_user_id uuid CONSTRAINT release_budgets_set_by_fk REFERENCES users (id),
  updated_at timestamptz NOT NULL DEFAULT now(),
  CONSTRAINT release_budgets_epsilon_positive CHECK (total_epsilon > 0),
  CONSTRAINT release_budgets_delta_range CHECK (total_delta > 0 AND total_delta < 1)
);
COMMENT ON TABLE release_budgets IS 'The privacy budget of a dataset set by the operator (total epsilon and delta over all its differentially private releases); without a row the default budget applies';

CREATE TABLE releases (
  id uuid PRIMARY KEY,
  dataset_id uuid NOT NULL CONSTRAINT releases_dataset_fk REFERENCES statistical_datasets (id) ON DELETE CASCADE,
  kind text NOT NULL,
  parameters jsonb NOT NULL,
  epsilon double precision NOT NULL DEFAULT 0,
  delta double precision NOT NULL DEFAULT 0,
  records_read integer NOT NULL,
  records_released integer NOT NULL,
  created_by text NOT NULL,
  created_by_user_id uuid CONSTRAINT releases_created_by_fk REFERENCES users (id),
  created_at timestamptz NOT NULL DEFAULT now(),
  file_name text NOT NULL,
  file_sha256 text NOT NULL,
  file_bytes integer NOT NULL,
  file_gzip bytea,
  regenerable boolean NOT NULL,
  mechanism jsonb NOT NULL,
  utility_report jsonb NOT NULL,
  CONSTRAINT releases_kind_known CHECK (kind IN ('synthetic', 'k_anonymous')),
  CONSTRAINT releases_budget_spent CHECK (epsilon >= 0 AND delta >= 0 AND (kind = 'synthetic' OR (epsilon = 0 AND delta = 0))),
  CONSTRAINT releases_sha256_hex CHECK (file_sha256 ~ '^[0-9a-f]{64}$')
);
CREATE INDEX releases_dataset_idx ON releases (dataset_id, created_at);
COMMENT ON TABLE releases IS 'The ledger of releases: one row per published file, with its parameters, the epsilon and delta it spent (0 for k-anonymous files, which are not differentially private), its SHA-256 and its utility report';
COMMENT ON COLUMN releases.parameters IS 'What the operator chose: epsilon, delta, reporting length, attributes; or k, quasi-identifiers, attributes. Never the noise seed';
COMMENT ON COLUMN releases.file_gzip IS 'The released CSV, gzip-compressed, as downloaded; a synthetic file cannot be made again (its noise is never stored)';
COMMENT ON COLUMN releases.regenerable IS 'True when the same file follows from the same records and parameters (k-anonymous); false for synthetic files';
COMMENT ON COLUMN releases.mechanism IS 'Synthetic: zCDP rho, noise scale, contribution cap and threshold per reporting length. k-anonymous: generalisation levels, records suppressed, classes';
COMMENT ON COLUMN releases.utility_report IS '1-, 2- and 3-way count errors against the real records and the shares of combinations suppressed or fabricated; computed from the real records, for the operator, never published';
