import type { ColumnType } from 'kysely';
import type { Generated, Timestamp } from './schema.js';

/** Row types of the determinants assessments (migrations/0054_determinant_assessments.sql). */

type DateText = ColumnType<string, string, string>;

export interface DeterminantAssessmentsTable {
  id: string;
  country: string;
  period_from: DateText;
  period_to: DateText;
  title: string;
  recorded_by: string;
  organisation_id: string;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface DeterminantAssessmentEntriesTable {
  assessment_id: string;
  determinant: string;
  direction: string;
  activity: string;
  strength: string;
  origin: string;
  nature: string;
  specificity: string;
  reach: string;
  level: string;
  evidence: Generated<string>;
  recommendation_ids: Generated<string[]>;
  indicator_ids: Generated<string[]>;
  influences: Generated<string[]>;
  recorded_by: string;
  recorded_at: Timestamp;
}

/** Row types of the assessments' checklist scores (migrations/0058_assessment_checklist.sql). */
export interface DeterminantChecklistScoresTable {
  assessment_id: string;
  item: string;
  score: string;
  note: Generated<string>;
  checklist_version: number;
  recorded_by: string;
  recorded_at: Timestamp;
}
