import { EstimationError } from '../../modules/estimation/errors.js';
import type { EstimateOptions } from '../../modules/estimation/estimate.js';
import { estimateByStratum, type StratumOutcome } from '../../modules/estimation/strata.js';
import { parseStratifiedTable } from '../../modules/estimation/strata-file.js';
import type { Output } from '../output.js';

/**
 * `palermo estimate --lists FILE --by COLUMN`: the file's stratum column (strata-file.ts) splits the table; each
 * stratum is estimated alone, the strata are added up beside the pooled estimate. The figures are the file's own and
 * printed as computed; the web page rounds them (the case records' strata are the platform's people).
 */
export interface StrataCliOptions {
  readonly by: string;
  readonly terms?: string;
  readonly bootstrap?: boolean | string;
  readonly spread?: boolean;
}

const whole = (value: number): string => Math.round(value).toLocaleString('en-US');

function outcomeJson(outcome: StratumOutcome) {
  if (!outcome.estimable) return { estimable: false, problem: outcome.problem, detail: outcome.detail };
  const { result } = outcome;
  return {
    estimable: true,
    hidden: result.hidden,
    total: result.total,
    lower: result.interval.lower,
    upper: result.interval.upper,
    model: { kind: result.model.kind, terms: result.model.terms },
    warnings: result.warnings,
  };
}

function outcomeLine(label: string, observed: number, outcome: StratumOutcome): string {
  const head = `  ${label.padEnd(24)}${whole(observed).padStart(9)}  `;
  if (!outcome.estimable) return `${head}cannot be estimated (${outcome.problem}): ${outcome.detail}`;
  const { result } = outcome;
  return `${head}${whole(result.total).padStart(9)}  (${whole(result.interval.lower)} - ${whole(result.interval.upper)})  ${result.model.terms.length === 0 ? 'no interactions' : result.model.terms.join(', ')}`;
}

export function estimateStrataCommand(options: StrataCliOptions, estimate: EstimateOptions, text: string, out: Output): void {
  if (options.terms !== undefined) throw new EstimationError('--by estimates each stratum with its own model: give --model or the stepwise options, not --terms', 'bad-input');
  if (options.bootstrap !== undefined && options.bootstrap !== false) throw new EstimationError('--bootstrap does not apply to --by', 'bad-input');
  const tables = parseStratifiedTable(text, options.by);
  const result = estimateByStratum(tables.pooled, tables.strata, estimate);
  const { sum } = result;
  const json = {
    ok: true,
    by: options.by,
    lists: tables.pooled.lists,
    interval: 'normal on the log scale, 95%, conditional on the model chosen in each stratum; the sum from the strata variances added on the log scale',
    pooled: { observed: tables.pooled.observed, ...outcomeJson(result.pooled) },
    strata: result.strata.map((s) => ({ stratum: s.stratum, observed: s.table.observed, ...outcomeJson(s.outcome) })),
    sum: sum ? { observed: sum.observed, hidden: sum.hidden, total: sum.total, lower: sum.lower, upper: sum.upper, complete: sum.complete, missing: sum.missing } : { complete: false, missing: result.strata.map((s) => s.stratum) },
    warnings: tables.pooled.warnings ?? [],
  };
  const lines = [
    `Multiple systems estimate by ${options.by}, from ${tables.pooled.lists.length} lists (${tables.pooled.lists.join(', ')})`,
    '',
    `  ${options.by.padEnd(24)}${'observed'.padStart(9)}  ${'total'.padStart(9)}  95% interval  model`,
    ...result.strata.map((s) => outcomeLine(s.stratum, s.table.observed, s.outcome)),
    '',
    sum
      ? `  ${(sum.complete ? 'sum of the strata' : 'sum (incomplete)').padEnd(24)}${whole(sum.observed).padStart(9)}  ${whole(sum.total).padStart(9)}  (${whole(sum.lower)} - ${whole(sum.upper)})${sum.complete ? '' : `  leaves out ${sum.missing.join(', ')}: not estimated`}`
      : '  sum of the strata: no stratum could be estimated',
    outcomeLine('pooled (all together)', tables.pooled.observed, result.pooled),
    ...(tables.pooled.warnings ?? []).map((warning) => `Warning: ${warning}`),
  ];
  out.result(json, lines.join('\n'));
}
