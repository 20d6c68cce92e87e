import { sql } from 'kysely';
import type { PlanProgress } from '@palermo/contracts';
import type { Db } from '../../platform/db/database.js';
import type { RecordKeys } from '../../platform/crypto/record-keys.js';
import type { Subject } from '../../platform/access/rules.js';
import { advanceCursor, readChanges, type ChangeCursor } from '../../platform/db/change-log.js';
import { indicatorEvents } from './indicator-facts.changes.js';
import { planProgress } from './plan-progress.js';

/**
 * The progress page kept per plan by each server process, built again only when something it shows may have changed:
 * a write to what it reads besides the case events (migration 0061's change log, read by transaction id as
 * platform/db/change-log.ts does), a change to the case events the computed indicators count when the page shows one
 * (their kept version, indicator-facts.changes.ts), or a new day (the flags compare dates with today). A plan of 500 activities and 2,000
 * indicators takes about a hundred milliseconds of CPU to build and far less to answer again.
 *
 * Kept per RecordKeys object, which names the database (see indicator-facts.changes.ts). A transaction that has itself
 * written builds the page for itself and keeps nothing; so does a read whose kept page is a day old (the log keeps two).
 * The page is the same for every reader its route admits (planProgress), so one copy serves them all.
 */

interface KeptPage {
  readonly progress: PlanProgress;
  readonly cursor: ChangeCursor;
  /** The kept events' version the page was built from, when it shows a computed indicator (else case work leaves it as it is). */
  readonly eventsVersion: number | null;
  readonly today: string;
  readonly builtAt: number;
}

const STALE_AFTER_MS = 24 * 60 * 60 * 1000;
/** More changes than this since the page was built: it is built again all the same; the number only bounds the read. */
const MOST_CHANGES = 1000;
const kept = new WeakMap<RecordKeys, Map<string, KeptPage>>();
const lastRead = new WeakMap<RecordKeys, 'built' | 'kept'>();

/** How the last progress read under these keys was answered (for tests). */
export const howProgressLastRead = (keys: RecordKeys) => lastRead.get(keys);

export async function keptPlanProgress(tx: Db, keys: RecordKeys, subject: Subject, planId: string, today: string): Promise<PlanProgress> {
  const pages = kept.get(keys) ?? new Map<string, KeptPage>();
  kept.set(keys, pages);
  const page = pages.get(planId);
  const usable = page && page.today === today && Date.now() - page.builtAt < STALE_AFTER_MS ? page : undefined;
  // The log first: what commits after this read is a change the next read finds.
  const { xmin, changes, written } = await readChanges<{ changed_at: string }>(tx, 'monitoring_changes', sql`changed_at::text AS changed_at`, usable?.cursor ?? null, MOST_CHANGES);
  const events = await indicatorEvents(tx, keys);
  if (!written && usable && changes.length === 0 && (usable.eventsVersion === null || usable.eventsVersion === events.version)) {
    pages.set(planId, { ...usable, cursor: advanceCursor(usable.cursor, xmin, changes) });
    lastRead.set(keys, 'kept');
    return usable.progress;
  }
  const progress = await planProgress(tx, keys, subject, planId, today);
  lastRead.set(keys, 'built');
  if (written) return progress;
  const eventsVersion = progress.indicators.some((i) => i.computed) ? events.version : null;
  pages.set(planId, { progress, cursor: advanceCursor(usable?.cursor ?? null, xmin, changes), eventsVersion, today, builtAt: Date.now() });
  return progress;
}
