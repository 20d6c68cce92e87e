/**
 * Published estimates: the rapporteur chooses one row of the spread over models and publishes it. The server
 * estimates again from the same data (the figure is never the client's), records the model, its total and interval
 * as displayed (from the case records rounded like the page's, estimation.view.ts; an upload's as computed) and the
 * kind of interval, the keyed fingerprint of the exact overlap table, when and who; the spread of any later estimate
 * from the same data shows which row was published.
 */
import { randomUUID } from 'node:crypto';
import type { PublishedEstimateView, SpreadModel } from '@palermo/contracts';
import type { Db } from '../../platform/db/database.js';
import type { RecordKeys } from '../../platform/crypto/record-keys.js';
import type { OverlapTable } from './overlap-table.js';
import type { SpreadRow } from './spread.js';

/** The fingerprint shown: enough to tell two data sets apart at a glance, the whole kept in the database. */
const SHOWN_FINGERPRINT = 12;

/** The keyed fingerprint of the exact overlap table (lists in order and the count of every combination). */
export function tableFingerprint(table: OverlapTable, keys: RecordKeys): string {
  return keys.fingerprint(`overlap table v1\n${table.lists.join('\n')}\n${Array.from(table.counts).join(',')}`);
}

export interface PublicationInput {
  readonly source: 'cases' | 'upload';
  readonly year: number | null;
  readonly table: OverlapTable;
  /** The row as displayed: its figures are recorded as they are. */
  readonly row: Extract<SpreadRow, { estimable: true }>;
  readonly fingerprint: string;
  readonly userId: string;
  readonly organisationId: string;
}

export async function recordPublication(tx: Db, input: PublicationInput): Promise<PublishedEstimateView> {
  const id = randomUUID();
  await tx
    .insertInto('published_estimates')
    .values({
      id,
      data_fingerprint: input.fingerprint,
      source: input.source,
      year: input.year,
      lists: JSON.stringify(input.table.lists),
      model: input.row.model,
      terms: JSON.stringify(input.row.terms),
      total: input.row.total,
      lower_bound: input.row.lower,
      upper_bound: input.row.upper,
      interval_kind: input.row.interval,
      published_by: input.userId,
      organisation_id: input.organisationId,
    })
    .execute();
  const [view] = await publications(tx, { id });
  if (!view) throw new Error('the publication just recorded cannot be read back');
  return view;
}

const stringArray = (value: unknown): string[] => (Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string') : []);

/** Publications, newest first: all of them, those of one data set, or one. */
export async function publications(db: Db, where: { fingerprint?: string; id?: string } = {}): Promise<PublishedEstimateView[]> {
  let query = db
    .selectFrom('published_estimates as p')
    .innerJoin('users as u', 'u.id', 'p.published_by')
    .select(['p.id', 'p.source', 'p.year', 'p.lists', 'p.model', 'p.terms', 'p.total', 'p.lower_bound', 'p.upper_bound', 'p.interval_kind', 'p.data_fingerprint', 'p.published_at', 'u.display_name'])
    .orderBy('p.published_at', 'desc')
    .orderBy('p.id');
  if (where.fingerprint !== undefined) query = query.where('p.data_fingerprint', '=', where.fingerprint);
  if (where.id !== undefined) query = query.where('p.id', '=', where.id);
  const rows = await query.execute();
  return rows.map((row) => ({
    id: row.id,
    source: row.source as PublishedEstimateView['source'],
    year: row.year,
    lists: stringArray(row.lists),
    model: row.model as SpreadModel,
    terms: stringArray(row.terms),
    total: row.total,
    lower: row.lower_bound,
    upper: row.upper_bound,
    interval: row.interval_kind as PublishedEstimateView['interval'],
    fingerprint: row.data_fingerprint.slice(0, SHOWN_FINGERPRINT),
    publishedAt: new Date(row.published_at).toISOString(),
    publishedBy: row.display_name,
  }));
}
