-- The national action plan (decision 0017): a plan with its period, objectives under the four pillars (prevention,
-- protection, prosecution, partnership), activities with the responsible organisation and its partners, the budget
-- planned and spent per year in integer minor units, the funding sources with the date each is secured until, and the
-- progress each responsible organisation reports. Ids are stable: recommendations of monitoring bodies and indicators
-- point at activities. Plain SQL accepted by PostgreSQL 15 and later and PGlite. Depends on 0001 (organisations, users).

CREATE TABLE action_plans (
  id uuid PRIMARY KEY,
  title text NOT NULL,
  period_start date NOT NULL,
  period_end date NOT NULL,
  currency text NOT NULL,
  created_by uuid NOT NULL CONSTRAINT action_plans_created_by_fk REFERENCES users (id),
  created_at timestamptz NOT NULL DEFAULT now(),
  version integer NOT NULL DEFAULT 0,
  CONSTRAINT action_plans_period_ordered CHECK (period_end >= period_start),
  CONSTRAINT action_plans_currency_code CHECK (currency ~ '^[A-Z]{3}$')
);
COMMENT ON TABLE action_plans IS 'A national action plan against trafficking; edited by the national coordinator, read by the rapporteur and per field policy (modules/action-plan/action-plan.fields.ts)';
COMMENT ON COLUMN action_plans.currency IS 'ISO 4217 code the plan budgets in; every amount of the plan is in its minor units';

CREATE TABLE plan_objectives (
  id uuid PRIMARY KEY,
  plan_id uuid NOT NULL CONSTRAINT plan_objectives_plan_fk REFERENCES action_plans (id),
  pillar text NOT NULL,
  code text NOT NULL,
  title text NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  CONSTRAINT plan_objectives_pillar_known CHECK (pillar IN ('prevention', 'protection', 'prosecution', 'partnership')),
  CONSTRAINT plan_objectives_code_unique UNIQUE (plan_id, code)
);
CREATE INDEX plan_objectives_plan_idx ON plan_objectives (plan_id, pillar, code);
COMMENT ON COLUMN plan_objectives.pillar IS 'One of the 4Ps: contracts vocabularies/action-plan.ts planPillars';
COMMENT ON COLUMN plan_objectives.code IS 'The objective''s number in the plan (e.g. 2.1), unique within the plan';

CREATE TABLE plan_activities (
  id uuid PRIMARY KEY,
  plan_id uuid NOT NULL CONSTRAINT plan_activities_plan_fk REFERENCES action_plans (id),
  objective_id uuid NOT NULL CONSTRAINT plan_activities_objective_fk REFERENCES plan_objectives (id),
  code text NOT NULL,
  title text NOT NULL,
  description text NOT NULL DEFAULT '',
  responsible_organisation_id uuid NOT NULL CONSTRAINT plan_activities_responsible_fk REFERENCES organisations (id),
  starts_on date NOT NULL,
  ends_on date NOT NULL,
  status text NOT NULL DEFAULT 'not_started',
  progress_percent integer NOT NULL DEFAULT 0,
  created_by uuid NOT NULL CONSTRAINT plan_activities_created_by_fk REFERENCES users (id),
  created_at timestamptz NOT NULL DEFAULT now(),
  version integer NOT NULL DEFAULT 0,
  CONSTRAINT plan_activities_dates_ordered CHECK (ends_on >= starts_on),
  CONSTRAINT plan_activities_code_unique UNIQUE (plan_id, code),
  CONSTRAINT plan_activities_status_known CHECK (status IN ('not_started', 'in_progress', 'completed', 'suspended', 'cancelled')),
  CONSTRAINT plan_activities_progress_percent CHECK (progress_percent BETWEEN 0 AND 100)
);
CREATE INDEX plan_activities_plan_idx ON plan_activities (plan_id, objective_id, code);
CREATE INDEX plan_activities_responsible_idx ON plan_activities (responsible_organisation_id);
COMMENT ON TABLE plan_activities IS 'An activity of the plan under one objective; its responsible organisation reports its progress and spending. Recommendations and indicators link to plan_activities(id)';
COMMENT ON COLUMN plan_activities.status IS 'The last progress reported: contracts vocabularies/action-plan.ts activityStatuses';

CREATE TABLE plan_activity_partners (
  activity_id uuid NOT NULL CONSTRAINT plan_activity_partners_activity_fk REFERENCES plan_activities (id),
  organisation_id uuid NOT NULL CONSTRAINT plan_activity_partners_organisation_fk REFERENCES organisations (id),
  CONSTRAINT plan_activity_partners_pk PRIMARY KEY (activity_id, organisation_id)
);
CREATE INDEX plan_activity_partners_organisation_idx ON plan_activity_partners (organisation_id);
COMMENT ON TABLE plan_activity_partners IS 'Organisations that carry out an activity with the responsible one';

CREATE TABLE plan_activity_budgets (
  activity_id uuid NOT NULL CONSTRAINT plan_activity_budgets_activity_fk REFERENCES plan_activities (id),
  year integer NOT NULL,
  planned_minor bigint NOT NULL,
  spent_minor bigint NOT NULL DEFAULT 0,
  overspend_reason text,
  CONSTRAINT plan_activity_budgets_pk PRIMARY KEY (activity_id, year),
  CONSTRAINT plan_activity_budgets_amounts CHECK (planned_minor >= 0 AND spent_minor >= 0),
  CONSTRAINT plan_activity_budgets_overspend_explained CHECK (spent_minor <= planned_minor OR overspend_reason IS NOT NULL)
);
COMMENT ON TABLE plan_activity_budgets IS 'Budget planned and spent per calendar year, in minor units of the plan''s currency; spending over the plan carries its reason';

CREATE TABLE plan_activity_funding (
  id uuid PRIMARY KEY,
  activity_id uuid NOT NULL CONSTRAINT plan_activity_funding_activity_fk REFERENCES plan_activities (id),
  kind text NOT NULL,
  donor text NOT NULL,
  amount_minor bigint NOT NULL,
  secured_until date,
  created_at timestamptz NOT NULL DEFAULT now(),
  CONSTRAINT plan_activity_funding_kind_known CHECK (kind IN ('domestic', 'external')),
  CONSTRAINT plan_activity_funding_amount CHECK (amount_minor > 0)
);
CREATE INDEX plan_activity_funding_activity_idx ON plan_activity_funding (activity_id);
COMMENT ON TABLE plan_activity_funding IS 'A funding source of an activity; secured_until before the activity''s end is a sustainability risk (computed, not stored)';
COMMENT ON COLUMN plan_activity_funding.donor IS 'The funding body (a ministry''s budget line for domestic funding, the donor for external funding)';

CREATE TABLE plan_activity_progress (
  id uuid PRIMARY KEY,
  activity_id uuid NOT NULL CONSTRAINT plan_activity_progress_activity_fk REFERENCES plan_activities (id),
  reported_on date NOT NULL,
  status text NOT NULL,
  progress_percent integer NOT NULL,
  note text NOT NULL DEFAULT '',
  recorded_by uuid NOT NULL CONSTRAINT plan_activity_progress_recorded_by_fk REFERENCES users (id),
  organisation_id uuid NOT NULL CONSTRAINT plan_activity_progress_organisation_fk REFERENCES organisations (id),
  recorded_at timestamptz NOT NULL DEFAULT now(),
  CONSTRAINT plan_activity_progress_status_known CHECK (status IN ('not_started', 'in_progress', 'completed', 'suspended', 'cancelled')),
  CONSTRAINT plan_activity_progress_percent CHECK (progress_percent BETWEEN 0 AND 100)
);
CREATE INDEX plan_activity_progress_activity_idx ON plan_activity_progress (activity_id, reported_on);
COMMENT ON TABLE plan_activity_progress IS 'Each progress report of an activity, kept; the activity row carries the last one';
