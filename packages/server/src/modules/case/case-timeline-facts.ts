import { sql } from 'kysely';
import type { Db } from '../../platform/db/database.js';
import { shippedSopTexts } from '../sop/sop.shipped.js';
import { MEASURE_KEY_PREFIX } from './case-timeline.js';

/**
 * The timeline's actions as facts the web app words in the reader's language. The timeline stores each action's
 * summary as the application wrote it (append-only, in English, with codes); these patterns read the codes back out
 * of it. An organisation named by its id is replaced by its name; a summary that matches no pattern gives no facts,
 * and the web app then names the action alone.
 */
const patterns: ReadonlyArray<readonly [RegExp, RegExp, readonly string[]]> = [
  [/^case\.opened$/, /^suspicion reported( \(anonymous intake\))?$/, ['anonymous']],
  [/^case\.screened$/, /^screened with ([a-z0-9_]+) v(\d+): ([a-z_]+)$/, ['checklist', 'version', 'suggestion']],
  [/^consent\.recorded$/, /^consent for ([a-z_]+)(?: to organisation ([0-9a-f-]{36}))?: ([a-z_]+) \(([a-z_]+);/, ['purpose', 'organisationId', 'status', 'method']],
  [/^decision\./, /^[a-z ]+ decision: ([a-z]+)$/, ['outcome']],
  [/^measure\.done$/, /^SOP (\d+) measure done: (.+)$/, ['sop', 'measure']],
  [/^case\.closed$/, /^case closed( \(referred\))?$/, ['referred']],
  [/^referral\.(sent|transfer_offered)$/, /^referred to (.+) for ([a-z_ ]+) \(([a-z]+)\);/, ['organisation', 'service', 'urgency']],
  [/^referral\.accepted$/, /^accepted the referral for ([a-z_ ]+)$/, ['service']],
  [/^referral\.declined$/, /^declined the referral for ([a-z_ ]+)$/, ['service']],
  [/^referral\.completed$/, /^([a-z_]+) delivered from/, ['service']],
  [/^referral\.withdrawn$/, /^withdrew the referral to (.+)$/, ['organisation']],
];

/** Normalises words the summaries spell out ("case management", "a service") to the codes the web app translates. */
const serviceCodes: Record<string, string> = { 'case management': 'case_management', 'a service': 'service' };

export function timelineFacts(action: string, summary: string): Record<string, string> | undefined {
  if (action.startsWith('record.')) {
    const kind = action.slice('record.'.length);
    return { kind, ...(summary.startsWith('correction: ') ? { correction: 'true' } : {}) };
  }
  for (const [actionPattern, summaryPattern, names] of patterns) {
    if (!actionPattern.test(action)) continue;
    const match = summaryPattern.exec(summary);
    if (!match) return undefined;
    const facts: Record<string, string> = {};
    names.forEach((name, i) => {
      const value = match[i + 1];
      if (name === 'anonymous' || name === 'referred') facts[name] = value ? 'true' : 'false';
      else if (value !== undefined) facts[name] = name === 'service' ? (serviceCodes[value] ?? value) : value;
    });
    return facts;
  }
  return undefined;
}

/**
 * Adds facts to each entry, naming the organisations consent summaries give by id (organisation names are not
 * personal). An entry's `key` (its idempotency key) is read and not returned.
 */
export async function withFacts<E extends { action: string; summary: string; key?: string }>(db: Db, entries: readonly E[]): Promise<Array<Omit<E, 'key'> & { facts?: Record<string, string> }>> {
  const withParsed = entries.map(({ key, ...entry }) => ({ entry, key, facts: timelineFacts(entry.action, entry.summary) }));
  const ids = [...new Set(withParsed.flatMap(({ facts }) => (facts?.['organisationId'] ? [facts['organisationId']] : [])))];
  const names = new Map<string, string>();
  if (ids.length > 0) {
    const { rows } = await sql<{ id: string; name: string }>`select id, name from organisations where id = any(${ids}::uuid[])`.execute(db);
    for (const row of rows) names.set(row.id, row.name);
  }
  // A measure done names its measure by id in its key (case-timeline.ts measureKey) and by its title as the SOP then
  // worded it in its summary. The title is the shipped default's for that id: the entry gets the id (measureKey), under
  // which the web app words it in the reader's language. A title the country wrote: none, and it is shown as written.
  const shipped = withParsed.some(({ facts }) => facts?.['measure'] !== undefined) ? (await shippedSopTexts(db)).measures : undefined;
  return withParsed.map(({ entry, key, facts }) => {
    if (!facts) return entry;
    const { organisationId, ...rest } = facts;
    const named = organisationId ? { ...rest, organisation: names.get(organisationId) ?? '' } : rest;
    const measureId = key?.startsWith(MEASURE_KEY_PREFIX) ? key.slice(MEASURE_KEY_PREFIX.length) : undefined;
    const asShipped = measureId !== undefined && facts['measure'] !== undefined && shipped?.get(measureId)?.title === facts['measure'];
    return { ...entry, facts: asShipped ? { ...named, measureKey: measureId } : named };
  });
}
