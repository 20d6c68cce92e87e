-- Estimates the rapporteur published: which row of the spread over models was chosen (the model, its total and
-- interval, and the kind of interval), for which data, when and by whom. The data are identified by a keyed
-- fingerprint of the exact overlap table (HMAC under a key derived from the statistics record-key data key): a plain
-- hash of small counts could be recovered by trying the values near the perturbed counts the page displays.
-- Nothing here identifies a person. Plain SQL accepted by PostgreSQL 15 and later and PGlite. Depends on 0001.

CREATE TABLE published_estimates (
  id uuid PRIMARY KEY,
  data_fingerprint text NOT NULL,
  source text NOT NULL,
  year integer,
  lists jsonb NOT NULL,
  model text NOT NULL,
  terms jsonb NOT NULL,
  total double precision NOT NULL,
  lower_bound double precision NOT NULL,
  upper_bound double precision NOT NULL,
  interval_kind text NOT NULL,
  published_by uuid NOT NULL CONSTRAINT published_estimates_user_fk REFERENCES users (id),
  organisation_id uuid NOT NULL CONSTRAINT published_estimates_organisation_fk REFERENCES organisations (id),
  published_at timestamptz NOT NULL DEFAULT now(),
  CONSTRAINT published_estimates_source_known CHECK (source IN ('cases', 'upload')),
  CONSTRAINT published_estimates_model_known CHECK (model IN ('main', 'stepwise-0.001', 'stepwise-0.02', 'stepwise-0.05', 'best-aic', 'best-bic', 'bayesian-average')),
  CONSTRAINT published_estimates_interval_known CHECK (interval_kind IN ('model-conditional', 'credible')),
  CONSTRAINT published_estimates_interval_order CHECK (lower_bound <= total AND total <= upper_bound)
);
CREATE INDEX published_estimates_fingerprint_idx ON published_estimates (data_fingerprint, published_at);
