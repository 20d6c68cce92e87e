import type { ColumnType } from 'kysely';
import type { Generated, Timestamp } from './schema.js';

/** Row types of the recommendations of monitoring bodies and the reference series (migrations/0049_recommendations.sql). */

type DateText = ColumnType<string, string, string>;

export interface RecommendationsTable {
  id: string;
  source_body: string;
  cycle: string;
  issued_on: DateText;
  text: string;
  paragraph: Generated<string>;
  themes: string[];
  addressed_to: Generated<string>;
  urgency: string;
  response: string | null;
  status: Generated<string>;
  cluster_id: string | null;
  version: Generated<number>;
  recorded_by: string;
  organisation_id: string;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface RecommendationHistoryTable {
  recommendation_id: string;
  version: number;
  change: string;
  response: string | null;
  status: string;
  effective_on: DateText;
  evidence: Generated<string>;
  comment: Generated<string>;
  recorded_by: string;
  organisation_id: string;
  recorded_at: Timestamp;
}

export interface ReferenceSeriesImportsTable {
  id: string;
  series: string;
  file_name: string;
  sha256: string;
  rows_imported: number;
  imported_at: Timestamp;
}

export interface TipTierRatingsTable {
  iso3: string;
  year: number;
  tier: string;
  country_name: string;
  import_id: string;
}

export interface PolicyIndexScoresTable {
  iso3: string;
  year: number;
  country_name: string;
  prosecution: number | null;
  protection: number | null;
  prevention: number | null;
  criminalization: string | null;
  import_id: string;
}

export interface RecommendationActivitiesTable {
  recommendation_id: string;
  activity_id: string;
  linked_by: string;
  linked_at: Timestamp;
}
