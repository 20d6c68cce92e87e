import type { ColumnType } from 'kysely';
import type { Generated, Timestamp } from './schema.js';

/** Row types of coordination (migrations/0055_coordination.sql). */

type DateText = ColumnType<string, string, string>;

export interface CoordinationBodiesTable {
  id: string;
  name: string;
  kind: string;
  parent_id: string | null;
  theme: string;
  active_from: DateText;
  active_to: DateText | null;
  created_by: string;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface CoordinationBodyMembersTable {
  body_id: string;
  organisation_id: string;
  role: string;
}

export interface CoordinationMeetingsTable {
  id: string;
  body_id: string;
  held_on: DateText;
  place: string | null;
  minutes: Generated<string>;
  created_by: string;
  created_at: Timestamp;
}

export interface CoordinationDecisionsTable {
  id: string;
  meeting_id: string;
  position: number;
  text: string;
}

export interface CoordinationActionsTable {
  id: string;
  meeting_id: string;
  decision_id: string | null;
  description: string;
  organisation_id: string;
  due_on: DateText;
  status: Generated<string>;
  done_on: DateText | null;
  updated_by: string;
  updated_at: Timestamp;
}

export interface CoordinationTrainingsTable {
  id: string;
  topic: string;
  title: string;
  audience: string;
  organisation_id: string;
  held_on: DateText;
  number_trained: number;
  women: number | null;
  men: number | null;
  activity_id: string | null;
  created_by: string;
  created_at: Timestamp;
  updated_at: Timestamp;
}
