/**
 * Why a table cannot be estimated, in words a rapporteur uses rather than a statistician's: the estimator's own
 * message (estimate.ts, existence.ts) names the exact condition; this names what it means for the lists. The checks
 * are those of the estimator, in its order, read again from the table, so that the reason given is the first one
 * the estimator met.
 */
import type { PlainReason, PlainReasonCode } from '@palermo/contracts';
import { EstimationError, el } from './errors.js';
import { checkModel } from './existence.js';
import { listTotal, type OverlapTable } from './overlap-table.js';

function text(code: PlainReasonCode, list: string | null): string {
  const name = list ?? '';
  switch (code) {
    case 'one-list':
      return 'There is only one list, so there is nothing to compare it with: the estimate comes from how the same people turn up on several lists.';
    case 'nobody':
      return 'No one that year is on any of these lists, so there is nothing to count.';
    case 'empty-list':
      return `No one is on the list "${name}". Take it out or put other organisations on it.`;
    case 'everyone-on-list':
      return `Everyone counted is on the list "${name}", so nothing shows how many people that list misses.`;
    case 'no-overlap':
      return 'No one is on more than one list. The estimate comes from the people that several lists know, and there are none.';
    case 'too-little-overlap':
      return 'The lists share too few people, in too few ways, to work out how many no list has found: the figure would have no upper limit.';
    case 'did-not-settle':
      return 'With these numbers the calculation does not settle on a figure.';
  }
}

export function plainReason(code: PlainReasonCode, lists: readonly string[], list: number | null = null): PlainReason {
  return { code, list, text: text(code, list === null ? null : (lists[list] ?? null)) };
}

/**
 * The first obstacle in the table itself (no one counted, a list nobody is on, one everybody is on, no overlap at
 * all, a main-effects model that cannot be estimated), or null when the table passes those checks.
 */
export function obstacleInTable(table: OverlapTable): PlainReason | null {
  if (table.observed === 0) return plainReason('nobody', table.lists);
  for (let i = 0; i < table.lists.length; i++) {
    const total = listTotal(table, i);
    if (total === 0) return plainReason('empty-list', table.lists, i);
    if (total === table.observed) return plainReason('everyone-on-list', table.lists, i);
  }
  let onSeveral = 0;
  for (let mask = 1; mask < table.counts.length; mask++) if ((mask & (mask - 1)) !== 0) onSeveral += el(table.counts, mask);
  if (onSeveral === 0) return plainReason('no-overlap', table.lists);
  if (!checkModel(table, []).ok) return plainReason('too-little-overlap', table.lists);
  return null;
}

/** The plain reason behind an estimator's refusal of this table. */
export function whyNotEstimable(table: OverlapTable, error: EstimationError): PlainReason {
  if (error.code === 'did-not-converge') return plainReason('did-not-settle', table.lists);
  return obstacleInTable(table) ?? plainReason('too-little-overlap', table.lists);
}

/** The message of a 422 and of the command line: the plain reason first, then the estimator's own words. */
export function explained(table: OverlapTable, error: EstimationError): string {
  return `${whyNotEstimable(table, error).text} (In the statistician's terms: ${error.message})`;
}
