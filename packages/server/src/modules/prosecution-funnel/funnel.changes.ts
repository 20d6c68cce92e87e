import { sql } from 'kysely';
import { TZDate } from '@date-fns/tz';
import { format } from 'date-fns';
import type { Db } from '../../platform/db/database.js';
import type { RecordKeys } from '../../platform/crypto/record-keys.js';
import { alpha2Of } from '../statistical-records/country-codes.js';
import { countryTimeZone } from '../notifications/notifications.reminders.js';
import { advanceCursor, pruneChangeLog, readChanges, type ChangeCursor } from '../../platform/db/change-log.js';
import { computeFunnelFacts, refreshFunnelFacts, type FunnelFacts } from './funnel.facts.js';

/**
 * The funnel's facts kept up to date in memory, per database, by what changed (migration 0053): every change the
 * funnel counts writes which suspect, investigation or operation it touched, with its transaction's id. Each read
 * applies the changes committed since the last one (platform/db/change-log.ts: also those of a transaction that was
 * still running at the last read) and recomputes only the persons and investigations they touched.
 *
 * The facts are computed whole on the first read, when the country changes (it decides who is a national), each new
 * day in the country's time zone (a conviction becomes final when its appeal period passes, with no write), and when so
 * much changed that computing everything is cheaper (an import). The server computes them in the background when it
 * starts and shortly after each midnight (funnel.jobs.ts), so that a reader seldom waits for that; a read made before
 * (or while) they are computed computes them itself (or waits for the computation under way).
 */

interface Kept {
  readonly facts: FunnelFacts;
  readonly iso3: string | null;
  readonly day: string;
  readonly cursor: ChangeCursor;
}

interface Change {
  readonly suspect_id: string | null;
  readonly investigation_id: string | null;
  readonly operation_id: string | null;
  readonly everything: boolean;
}

/** More changes than this at once (an import): the facts are computed whole. */
const MOST_CHANGES = 5000;
/** More persons touched than this share of all: computed whole. */
const MOST_SHARE = 0.2;

const kept = new WeakMap<Db, Kept>();
/** The facts being computed whole, per database: a read arriving meanwhile waits for them rather than starting again. */
const computing = new WeakMap<Db, Promise<FunnelFacts>>();
/** How the last read of each database was answered (for tests and the benchmark's log). */
const lastRead = new WeakMap<Db, 'whole' | 'changes' | 'kept'>();
export const howLastRead = (db: Db) => lastRead.get(db);

const CHANGE_COLUMNS = sql`suspect_id::text AS suspect_id, investigation_id::text AS investigation_id, operation_id::text AS operation_id, everything`;

/** Today in the country's time zone (`country_settings.time_zone`, UTC when unset), as YYYY-MM-DD. */
export async function countryDay(db: Db, now = new Date()): Promise<string> {
  return format(new TZDate(now.getTime(), await countryTimeZone(db)), 'yyyy-MM-dd');
}

function computedWhole(db: Db, keys: RecordKeys, iso3: string | null, day: string): Promise<FunnelFacts> {
  const computation = (async () => {
    // Read before the facts: what commits while they are computed is a change from xmin on that is not in `applied`.
    const { xmin, changes } = await readChanges<Change>(db, 'prosecution_funnel_changes', CHANGE_COLUMNS, null, MOST_CHANGES);
    const facts = await computeFunnelFacts(db, keys, iso3 ? alpha2Of(iso3) : null, day);
    kept.set(db, { facts, iso3, day, cursor: advanceCursor(null, xmin, changes) });
    lastRead.set(db, 'whole');
    return facts;
  })();
  computing.set(db, computation);
  const done = () => {
    if (computing.get(db) === computation) computing.delete(db);
  };
  computation.then(done, done);
  return computation;
}

/**
 * Deletes the changes older than two days: every process that has read since applied them (a process whose facts are
 * older computes them whole: their day has passed). A write, so done by the daily job (funnel.jobs.ts), never by a
 * read. Returns how many rows went.
 */
export const pruneFunnelChanges = (db: Db): Promise<number> => pruneChangeLog(db, 'prosecution_funnel_changes');

/** The facts as of now. */
export async function funnelFacts(db: Db, keys: RecordKeys, iso3: string | null): Promise<FunnelFacts> {
  const running = computing.get(db);
  // Its failure is that read's; this one tries on its own.
  if (running) await running.catch(() => undefined);
  const day = await countryDay(db);
  const current = kept.get(db);
  if (!current || current.iso3 !== iso3 || current.day !== day) return computedWhole(db, keys, iso3, day);

  const { xmin, changes } = await readChanges<Change>(db, 'prosecution_funnel_changes', CHANGE_COLUMNS, current.cursor, MOST_CHANGES);
  const cursor = advanceCursor(current.cursor, xmin, changes);
  if (changes.length === 0) {
    kept.set(db, { ...current, cursor });
    lastRead.set(db, 'kept');
    return current.facts;
  }
  if (changes.length > MOST_CHANGES || changes.some((change) => change.everything)) return computedWhole(db, keys, iso3, day);

  const ids = (pick: (change: Change) => string | null) => [...new Set(changes.map(pick).filter((id): id is string => id !== null))];
  const [suspects, investigations, operations] = [ids((c) => c.suspect_id), ids((c) => c.investigation_id), ids((c) => c.operation_id)];
  // Whom the changed investigations and operations count, as they are now; those they counted before are among the
  // changed suspects (a suspect moved or removed writes its change) or are dropped with their investigation.
  const touched = await sql<{ kind: 's' | 'i'; id: string }>`
    SELECT 's' AS kind, id::text AS id FROM prosecution_suspects
      WHERE investigation_id = ANY (${investigations}::uuid[]) OR operation_id = ANY (${operations}::uuid[])
    UNION ALL
    SELECT 'i', id::text FROM prosecution_investigations WHERE operation_id = ANY (${operations}::uuid[])`.execute(db);
  const suspectIds = new Set(suspects);
  const investigationIds = new Set(investigations);
  for (const row of touched.rows) (row.kind === 's' ? suspectIds : investigationIds).add(row.id);
  if (suspectIds.size > current.facts.suspects.size * MOST_SHARE + MOST_CHANGES) return computedWhole(db, keys, iso3, day);

  const facts = await refreshFunnelFacts(db, keys, iso3 ? alpha2Of(iso3) : null, day, current.facts, [...suspectIds], [...investigationIds]);
  kept.set(db, { facts, iso3, day, cursor });
  lastRead.set(db, 'changes');
  return facts;
}
