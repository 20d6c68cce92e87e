import { sql } from 'kysely';
import type { Db } from '../../platform/db/database.js';
import type { RecordKeys } from '../../platform/crypto/record-keys.js';
import { advanceCursor, readChanges, type ChangeCursor } from '../../platform/db/change-log.js';
import { readPersonEvents, type PersonEvents } from './indicator-facts.js';

/**
 * The computed indicators' per-person events kept in memory, per database, by what changed (migration 0059): every
 * change they count writes which person it touched, with its transaction's id (platform/db/change-log.ts). Each read
 * applies the changes committed since the last one by reading those persons' events again. The events are read whole
 * on the first read, when so much changed that reading everything is cheaper (an import), and when this process last
 * read more than a day ago (the log keeps two days). The server reads them in the background when it starts
 * (indicator-facts.jobs.ts), so that a reader seldom waits for that; a read made meanwhile waits for that reading.
 *
 * The events are kept per RecordKeys object: one is loaded from each database the process opens (FieldCipher.init),
 * so it names the database as well as the keys the counts are perturbed with. A read made by a transaction that has
 * itself written (what it sees may yet be rolled back) reads every event through it and keeps nothing.
 */

export interface KeptEvents {
  readonly persons: ReadonlyMap<string, PersonEvents>;
  /** Changes with each application of the log, so that what is computed from the events can be remembered by it. */
  readonly version: number;
}

interface Kept extends KeptEvents {
  readonly persons: Map<string, PersonEvents>;
  readonly cursor: ChangeCursor;
  readonly readAt: number;
}

/** More changes than this at once (an import): the events are read whole. */
const MOST_CHANGES = 5000;
/** A process that has not read the log for this long reads the events whole: the log keeps two days. */
const STALE_AFTER_MS = 24 * 60 * 60 * 1000;

const PERSON = sql`person_id::text AS person_id`;

const kept = new WeakMap<RecordKeys, Kept>();
const reading = new WeakMap<RecordKeys, Promise<Kept>>();
const lastRead = new WeakMap<RecordKeys, 'whole' | 'changes' | 'kept'>();
let versions = 0;

/** How the last read under these keys was answered (for tests and the benchmark's log). */
export const howIndicatorFactsLastRead = (keys: RecordKeys) => lastRead.get(keys);

function readWhole(db: Db, keys: RecordKeys): Promise<Kept> {
  const whole = (async () => {
    // Read before the events: what commits while they are read is a change from xmin on that is not yet applied.
    // Applying a change twice reads a person's events again, no more: a long list is cut, not a fault.
    const { xmin, changes } = await readChanges<{ person_id: string }>(db, 'indicator_fact_changes', PERSON, null, MOST_CHANGES);
    const persons = await readPersonEvents(db);
    versions += 1;
    const next: Kept = { persons, version: versions, cursor: advanceCursor(null, xmin, changes), readAt: Date.now() };
    kept.set(keys, next);
    lastRead.set(keys, 'whole');
    return next;
  })();
  reading.set(keys, whole);
  const done = () => {
    if (reading.get(keys) === whole) reading.delete(keys);
  };
  whole.then(done, done);
  return whole;
}

/** The events as of now, for the database `keys` were loaded from, read through `db` (a transaction or not). */
export async function indicatorEvents(db: Db, keys: RecordKeys): Promise<KeptEvents> {
  const running = reading.get(keys);
  // Its failure is that read's; this one tries on its own.
  if (running) await running.catch(() => undefined);
  const current = kept.get(keys);
  const stale = !current || Date.now() - current.readAt > STALE_AFTER_MS;
  const { xmin, changes, written } = await readChanges<{ person_id: string }>(db, 'indicator_fact_changes', PERSON, stale ? null : current.cursor, MOST_CHANGES);
  if (written) return { persons: await readPersonEvents(db), version: (versions += 1) };
  if (!current || stale || changes.length > MOST_CHANGES) return readWhole(db, keys);
  const cursor = advanceCursor(current.cursor, xmin, changes);
  if (changes.length === 0) {
    kept.set(keys, { ...current, cursor, readAt: Date.now() });
    lastRead.set(keys, 'kept');
    return current;
  }
  const touched = [...new Set(changes.map((change) => change.person_id))];
  const fresh = await readPersonEvents(db, touched);
  // Another read applied changes meanwhile: this one starts again from what that one kept.
  if (kept.get(keys) !== current) return indicatorEvents(db, keys);
  for (const [person, events] of fresh) {
    if (events.cases.length === 0) current.persons.delete(person);
    else current.persons.set(person, events);
  }
  versions += 1;
  const next: Kept = { persons: current.persons, version: versions, cursor, readAt: Date.now() };
  kept.set(keys, next);
  lastRead.set(keys, 'changes');
  return next;
}
