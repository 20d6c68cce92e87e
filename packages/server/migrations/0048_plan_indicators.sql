-- Indicators of the national action plan in the IATI results shape (decision 0017): input, output, outcome or impact;
-- a baseline, a target per period and measurements over time with their disaggregation (sex, age group, form of
-- exploitation). An indicator is either entered by hand (it names its source) or computed from the platform's own facts
-- by a code of the fixed catalogue (contracts vocabularies/action-plan.ts computedIndicators): computed values are not
-- stored, they are counted from the case tables for each period when read. Depends on 0047.

CREATE TABLE plan_indicators (
  id uuid PRIMARY KEY,
  plan_id uuid NOT NULL CONSTRAINT plan_indicators_plan_fk REFERENCES action_plans (id),
  objective_id uuid CONSTRAINT plan_indicators_objective_fk REFERENCES plan_objectives (id),
  activity_id uuid CONSTRAINT plan_indicators_activity_fk REFERENCES plan_activities (id),
  code text NOT NULL,
  title text NOT NULL,
  type text NOT NULL,
  measure text NOT NULL,
  direction text NOT NULL DEFAULT 'increase',
  computation text,
  source text,
  disaggregations text[] NOT NULL DEFAULT '{}',
  baseline_value numeric,
  baseline_on date,
  created_by uuid NOT NULL CONSTRAINT plan_indicators_created_by_fk REFERENCES users (id),
  created_at timestamptz NOT NULL DEFAULT now(),
  CONSTRAINT plan_indicators_code_unique UNIQUE (plan_id, code),
  CONSTRAINT plan_indicators_type_known CHECK (type IN ('input', 'output', 'outcome', 'impact')),
  CONSTRAINT plan_indicators_measure_known CHECK (measure IN ('count', 'percent')),
  CONSTRAINT plan_indicators_direction_known CHECK (direction IN ('increase', 'decrease')),
  CONSTRAINT plan_indicators_sourced CHECK (computation IS NOT NULL OR source IS NOT NULL),
  CONSTRAINT plan_indicators_baseline_dated CHECK ((baseline_value IS NULL) = (baseline_on IS NULL)),
  CONSTRAINT plan_indicators_disaggregations_known CHECK (disaggregations <@ ARRAY['sex', 'age_group', 'form_of_exploitation']::text[])
);
CREATE INDEX plan_indicators_plan_idx ON plan_indicators (plan_id, code);
CREATE INDEX plan_indicators_activity_idx ON plan_indicators (activity_id);
COMMENT ON TABLE plan_indicators IS 'An indicator of the plan, under an objective or an activity (or the plan itself); measured by the activity''s responsible organisation, or computed';
COMMENT ON COLUMN plan_indicators.computation IS 'A code of the computed-indicator catalogue (numerator over denominator of platform facts); null for an indicator entered by hand';
COMMENT ON COLUMN plan_indicators.source IS 'Where the figures of an indicator entered by hand come from (a ministry''s register, a survey)';

CREATE TABLE plan_indicator_targets (
  indicator_id uuid NOT NULL CONSTRAINT plan_indicator_targets_indicator_fk REFERENCES plan_indicators (id),
  period_start date NOT NULL,
  period_end date NOT NULL,
  value numeric NOT NULL,
  CONSTRAINT plan_indicator_targets_pk PRIMARY KEY (indicator_id, period_start),
  CONSTRAINT plan_indicator_targets_period_ordered CHECK (period_end >= period_start)
);
COMMENT ON TABLE plan_indicator_targets IS 'The value an indicator should reach by the end of each period; only an indicator with a baseline has targets';

CREATE TABLE plan_indicator_measurements (
  id uuid PRIMARY KEY,
  indicator_id uuid NOT NULL CONSTRAINT plan_indicator_measurements_indicator_fk REFERENCES plan_indicators (id),
  period_start date NOT NULL,
  period_end date NOT NULL,
  value numeric NOT NULL,
  sex text,
  age_group text,
  form_of_exploitation text,
  note text NOT NULL DEFAULT '',
  recorded_by uuid NOT NULL CONSTRAINT plan_indicator_measurements_recorded_by_fk REFERENCES users (id),
  organisation_id uuid NOT NULL CONSTRAINT plan_indicator_measurements_organisation_fk REFERENCES organisations (id),
  recorded_at timestamptz NOT NULL DEFAULT now(),
  CONSTRAINT plan_indicator_measurements_period_ordered CHECK (period_end >= period_start),
  CONSTRAINT plan_indicator_measurements_sex_known CHECK (sex IS NULL OR sex IN ('female', 'male', 'other')),
  CONSTRAINT plan_indicator_measurements_age_known CHECK (age_group IS NULL OR age_group IN ('child', 'adult'))
);
CREATE UNIQUE INDEX plan_indicator_measurements_one_per_cell ON plan_indicator_measurements
  (indicator_id, period_start, period_end, coalesce(sex, ''), coalesce(age_group, ''), coalesce(form_of_exploitation, ''));
CREATE INDEX plan_indicator_measurements_indicator_idx ON plan_indicator_measurements (indicator_id, period_end);
COMMENT ON TABLE plan_indicator_measurements IS 'A value of an indicator entered by hand for a period; without sex, age group and form it is the total';
COMMENT ON COLUMN plan_indicator_measurements.form_of_exploitation IS 'HTCDS vic_TypeOfExploitation (contracts vocabularies/cases.ts formsOfExploitation)';
