import type { ColumnType } from 'kysely';
import type { Generated, Timestamp } from './schema.js';

/** Row types of the national action plan (migrations/0047_action_plan.sql). */

/** A date: written as 'YYYY-MM-DD', read as a Date unless the query casts it to text (the repositories do). */
type DateColumn = ColumnType<Date, string, string>;

export interface ActionPlansTable {
  id: string;
  title: string;
  period_start: DateColumn;
  period_end: DateColumn;
  currency: string;
  created_by: string;
  created_at: Timestamp;
  version: Generated<number>;
}

export interface PlanObjectivesTable {
  id: string;
  plan_id: string;
  pillar: string;
  code: string;
  title: string;
  created_at: Timestamp;
}

export interface PlanActivitiesTable {
  id: string;
  plan_id: string;
  objective_id: string;
  code: string;
  title: string;
  description: Generated<string>;
  responsible_organisation_id: string;
  starts_on: DateColumn;
  ends_on: DateColumn;
  status: Generated<string>;
  progress_percent: Generated<number>;
  created_by: string;
  created_at: Timestamp;
  version: Generated<number>;
}

export interface PlanActivityPartnersTable {
  activity_id: string;
  organisation_id: string;
}

export interface PlanActivityBudgetsTable {
  activity_id: string;
  year: number;
  /** Minor units of the plan's currency. */
  planned_minor: number;
  spent_minor: Generated<number>;
  overspend_reason: string | null;
}

export interface PlanActivityFundingTable {
  id: string;
  activity_id: string;
  kind: string;
  donor: string;
  amount_minor: number;
  secured_until: ColumnType<Date | null, string | null | undefined, string | null>;
  created_at: Timestamp;
}

export interface PlanActivityProgressTable {
  id: string;
  activity_id: string;
  reported_on: DateColumn;
  status: string;
  progress_percent: number;
  note: Generated<string>;
  recorded_by: string;
  organisation_id: string;
  recorded_at: Timestamp;
}

/** Row types of the plan's indicators (migrations/0048_plan_indicators.sql). Numeric columns are read as text. */

type Numeric = ColumnType<string, number | string, number | string>;

export interface PlanIndicatorsTable {
  id: string;
  plan_id: string;
  objective_id: string | null;
  activity_id: string | null;
  code: string;
  title: string;
  type: string;
  measure: string;
  direction: Generated<string>;
  computation: string | null;
  source: string | null;
  disaggregations: Generated<string[]>;
  baseline_value: ColumnType<string | null, number | string | null | undefined, number | string | null>;
  baseline_on: ColumnType<Date | null, string | null | undefined, string | null>;
  created_by: string;
  created_at: Timestamp;
}

export interface PlanIndicatorTargetsTable {
  indicator_id: string;
  period_start: DateColumn;
  period_end: DateColumn;
  value: Numeric;
}

export interface PlanIndicatorMeasurementsTable {
  id: string;
  indicator_id: string;
  period_start: DateColumn;
  period_end: DateColumn;
  value: Numeric;
  sex: string | null;
  age_group: string | null;
  form_of_exploitation: string | null;
  note: Generated<string>;
  recorded_by: string;
  organisation_id: string;
  recorded_at: Timestamp;
}
