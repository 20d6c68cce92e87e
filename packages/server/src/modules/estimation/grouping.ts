/**
 * Before estimating from the case records: the overlap of the rapporteur's grouping of organisations into lists, and,
 * when it cannot be estimated, why (plain-reasons.ts) and a grouping of the same organisations that can.
 *
 * The counts shown are perturbed by the cell-key method as the estimate's overlap table is (estimation.view.ts): a
 * list's people and the people on two or more lists are each the count of a set of people, perturbed at the sum of
 * their record keys, so the same people always show the same value and no exact small count is given away.
 *
 * The suggestion is computed from the same case records: one list per type of organisation, then one list per
 * organisation, first among the organisations the rapporteur chose, then among all that hold cases that year; the
 * first that passes the estimator's checks (the table's and the model's, estimate.ts) is offered, three lists or
 * more before two.
 */
import { MAX_ESTIMATION_LISTS, type GroupingSuggestion, type OverlapPreviewView, type overlapPreviewRequest } from '@palermo/contracts';
import type { z } from 'zod';
import type { Db } from '../../platform/db/database.js';
import { allows, type Subject } from '../../platform/access/rules.js';
import { appendAudit, type Actor } from '../../platform/audit/audit.js';
import { forbidden } from '../../platform/http/errors.js';
import type { RecordKeys } from '../../platform/crypto/record-keys.js';
import { EstimationError, el } from './errors.js';
import { estimateHiddenPopulation } from './estimate.js';
import { estimationRules } from './estimation.policy.js';
import { countText, displayCount } from './estimation.view.js';
import { overlapFromCases, yearBounds, type ListOfOrganisations, type OverlapKeySums } from './overlap-from-cases.js';
import type { OverlapTable } from './overlap-table.js';
import { obstacleInTable, plainReason, whyNotEstimable } from './plain-reasons.js';

type Model = 'stepwise' | 'main';

/** The reason this table cannot be estimated with the model, or null when it can. */
export function reasonNotEstimable(table: OverlapTable, model: Model): OverlapPreviewView['reason'] {
  const obstacle = obstacleInTable(table);
  if (obstacle) return obstacle;
  try {
    estimateHiddenPopulation(table, { model });
    return null;
  } catch (error) {
    if (error instanceof EstimationError) return whyNotEstimable(table, error);
    throw error;
  }
}

/** Lists named by their position; the names are the rapporteur's, never the server's concern here. */
const named = (lists: readonly (readonly string[])[]): ListOfOrganisations[] => lists.map((organisationIds, i) => ({ name: `L${i + 1}`, organisationIds }));

const bits = (mask: number): number => {
  let n = 0;
  for (let m = mask; m > 0; m &= m - 1) n++;
  return n;
};

/** The count of the people of the cells the filter keeps, perturbed at the sum of their keys. */
function shownSum(table: OverlapTable, keySums: OverlapKeySums | null, keep: (mask: number) => boolean) {
  let value = 0;
  let keys = 0;
  for (let mask = 1; mask < table.counts.length; mask++) {
    if (!keep(mask)) continue;
    value += el(table.counts, mask);
    keys += keySums ? (keySums.cells[mask] ?? 0) : 0;
  }
  return displayCount(value, keySums ? keys : null);
}

/** The organisations offered for lists (active, holding cases) with a case opened in the year (as reporter or manager), with their types. */
async function organisationsWithCases(db: Db, year: number): Promise<Map<string, string>> {
  const { from, to } = yearBounds(year);
  const cases = await db
    .selectFrom('cases')
    .select(['reported_by_organisation_id', 'managing_organisation_id'])
    .distinct()
    .where('opened_at', '>=', from)
    .where('opened_at', '<', to)
    .execute();
  const ids = [...new Set(cases.flatMap((row) => [row.reported_by_organisation_id, row.managing_organisation_id]))];
  if (ids.length === 0) return new Map();
  const rows = await db
    .selectFrom('organisations')
    .select(['id', 'type'])
    .where('id', 'in', ids)
    .where('active', '=', true)
    .where('type', 'not in', ['national_coordinator', 'national_rapporteur'])
    .orderBy('name')
    .execute();
  return new Map(rows.map((row) => [row.id, row.type]));
}

function candidates(pool: readonly string[], typeOf: ReadonlyMap<string, string>): GroupingSuggestion[] {
  const byType = new Map<string, string[]>();
  for (const id of pool) {
    const type = typeOf.get(id);
    if (type !== undefined) byType.set(type, [...(byType.get(type) ?? []), id]);
  }
  const all: GroupingSuggestion[] = [
    { kind: 'by-type', lists: [...byType].map(([type, organisationIds]) => ({ organisationIds, type: type as NonNullable<GroupingSuggestion['lists'][number]['type']> })) },
    { kind: 'each-organisation', lists: pool.map((id) => ({ organisationIds: [id], type: null })) },
  ];
  const usable = all.filter((c) => c.lists.length >= 2 && c.lists.length <= MAX_ESTIMATION_LISTS);
  return [...usable.filter((c) => c.lists.length >= 3), ...usable.filter((c) => c.lists.length < 3)];
}

const sameGrouping = (a: readonly (readonly string[])[], b: GroupingSuggestion): boolean => {
  const key = (lists: readonly (readonly string[])[]) => lists.map((ids) => [...ids].sort().join(',')).sort().join('|');
  return key(a) === key(b.lists.map((list) => list.organisationIds));
};

/** A grouping that passes the estimator's checks on the same year's case records, or null when none is found. */
export async function suggestGrouping(db: Db, year: number, chosen: readonly (readonly string[])[], model: Model): Promise<GroupingSuggestion | null> {
  const typeOf = await organisationsWithCases(db, year);
  const everyone = [...typeOf.keys()];
  const chosenIds = new Set(chosen.flat());
  const mine = everyone.filter((id) => chosenIds.has(id));
  const pools = mine.length === everyone.length ? [everyone] : [mine, everyone];
  const tried = new Set<string>();
  for (const pool of pools) {
    for (const candidate of candidates(pool, typeOf)) {
      const key = JSON.stringify(candidate.lists.map((list) => list.organisationIds));
      if (tried.has(key) || sameGrouping(chosen, candidate)) continue;
      tried.add(key);
      const { table } = await overlapFromCases(db, year, named(candidate.lists.map((list) => list.organisationIds)));
      if (reasonNotEstimable(table, model) === null) return candidate;
    }
  }
  return null;
}

/**
 * The overlap of the grouping as the rapporteur may see it, whether it can be estimated, and if not why and what
 * would work. Audited like an estimate (counts as displayed).
 */
export async function previewGrouping(tx: Db, subject: Subject, actor: Actor, input: z.output<typeof overlapPreviewRequest>, keys: RecordKeys): Promise<OverlapPreviewView> {
  if (!allows(estimationRules.estimate, subject)) throw forbidden();
  const chosen = input.lists.map((list) => list.organisationIds);
  // One list makes no table: it is counted beside an empty second list, which is then left out of the view.
  const { table, keySums } = await overlapFromCases(tx, input.year, named(chosen.length === 1 ? [...chosen, []] : chosen), keys);
  const real = chosen.length;
  const inReal = (mask: number) => mask & ((1 << real) - 1);
  const lists = chosen.map((_, i) => ({
    people: shownSum(table, keySums, (mask) => ((mask >> i) & 1) === 1),
    alsoOnAnother: shownSum(table, keySums, (mask) => ((mask >> i) & 1) === 1 && bits(inReal(mask)) >= 2),
  }));
  const observed = shownSum(table, keySums, (mask) => inReal(mask) !== 0);
  const onTwoOrMore = shownSum(table, keySums, (mask) => bits(inReal(mask)) >= 2);
  const reason = real === 1 ? plainReason('one-list', table.lists) : reasonNotEstimable(table, input.model);
  const suggestion = reason ? await suggestGrouping(tx, input.year, chosen, input.model) : null;
  await appendAudit(tx, actor, {
    action: 'estimation.overlap_preview',
    recordType: 'estimation',
    purpose: 'statistics',
    summary: `year ${input.year}, ${real} lists, ${countText(observed)} on the lists, ${countText(onTwoOrMore)} on two or more: ${reason ? `cannot be estimated (${reason.code})${suggestion ? `; suggested one list ${suggestion.kind === 'by-type' ? 'per type of organisation' : 'per organisation'} (${suggestion.lists.length} lists)` : '; no grouping found that can be'}` : 'can be estimated'}`,
  });
  return { year: input.year, lists, observed, onTwoOrMore, reason, suggestion };
}
