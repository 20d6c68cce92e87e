import type { Timestamp } from './schema.js';

/** Row type of the public page's publications (migrations/0056_public_view.sql). */
export interface PublicViewPublicationsTable {
  id: string;
  plan_id: string;
  /** contracts publicViewContent (jsonb: read back as an object). */
  content: unknown;
  etag: string;
  published_at: Timestamp;
  published_by: string;
  organisation_id: string;
  ended_at: Date | string | null;
  ended_by: string | null;
  ended_how: string | null;
}
