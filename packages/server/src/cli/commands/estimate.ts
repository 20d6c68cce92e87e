import type { Command } from 'commander';
import { readFileSync, statSync } from 'node:fs';
import { output } from '../output.js';
import { EstimationError } from '../../modules/estimation/errors.js';
import { estimateHiddenPopulation, DEFAULT_THRESHOLD, type EstimateOptions, type EstimationResult } from '../../modules/estimation/estimate.js';
import { parseOverlapTable, type OverlapTable } from '../../modules/estimation/overlap-table.js';
import { explained, whyNotEstimable } from '../../modules/estimation/plain-reasons.js';
import { bootstrapInterval, DEFAULT_BOOTSTRAP_SEED, DEFAULT_RESAMPLES, type BootstrapInterval } from '../../modules/estimation/bootstrap.js';
import { spreadOfModels, type Spread, type SpreadRow } from '../../modules/estimation/spread.js';
import { estimateStrataCommand } from './estimate-strata.js';
import { estimateCasesByStratumCommand } from './estimate-cases-strata.js';

interface EstimateCliOptions {
  lists?: string;
  model?: string;
  threshold?: string;
  test?: string;
  terms?: string;
  json?: boolean;
  /** False with --no-spread. */
  spread?: boolean;
  /** --bootstrap [resamples]: true, or the number given. */
  bootstrap?: boolean | string;
  seed?: string;
  /** The file's column that gives each row's stratum, or sex, age or form for the case records. */
  by?: string;
  /** The case records of this year, lists of organisations as NAME=ORG;ORG. */
  year?: string;
  list?: string[];
}

function bootstrapOptions(options: EstimateCliOptions, estimate: EstimateOptions): { resamples: number; seed: number; threshold: number } | null {
  if (options.bootstrap === undefined || options.bootstrap === false) {
    if (options.seed !== undefined) throw usage('--seed applies to --bootstrap');
    return null;
  }
  if (estimate.model === 'main' || estimate.terms) throw usage('--bootstrap repeats the stepwise selection on each resample; it does not apply to --model main or --terms');
  const resamples = options.bootstrap === true ? DEFAULT_RESAMPLES : Number(options.bootstrap);
  if (!Number.isInteger(resamples) || resamples < 10 || resamples > 100_000) throw usage(`--bootstrap takes a number of resamples between 10 and 100000 (got "${String(options.bootstrap)}")`);
  const seed = options.seed === undefined ? DEFAULT_BOOTSTRAP_SEED : Number(options.seed);
  if (!Number.isInteger(seed) || seed < 1 || seed > 2 ** 31) throw usage(`--seed must be a whole number from 1 to 2147483648 (got "${options.seed ?? ''}")`);
  return { resamples, seed, threshold: estimate.threshold ?? DEFAULT_THRESHOLD };
}

function bootstrapSummary(interval: BootstrapInterval): string[] {
  const dropped = interval.failed > 0 ? `; ${interval.failed} resamples could not be estimated and were left out` : '';
  return [
    `  ${Math.round(interval.level * 100)}% bootstrap interval            ${whole(interval.lower).padStart(9)} - ${whole(interval.upper)}  (BCa over ${interval.resamples} resamples, stepwise at p < ${interval.threshold} repeated on each, seed ${interval.seed}${dropped})`,
  ];
}

/** An overlap table has at most 32,767 rows; anything this large is not one. */
const MAX_FILE_BYTES = 5 * 1024 * 1024;

function usage(message: string): EstimationError {
  return new EstimationError(message, 'bad-input');
}

function readListsFile(file: string | undefined): string {
  if (!file) throw usage('give the overlap table with --lists FILE.csv');
  let size: number;
  try {
    size = statSync(file).size;
  } catch (error) {
    throw usage(`cannot read ${file}: ${error instanceof Error ? error.message : String(error)}`);
  }
  if (size > MAX_FILE_BYTES) throw usage(`${file} is ${size} bytes; an overlap table is far smaller (at most 32,767 rows)`);
  return readFileSync(file, 'utf8');
}

function estimateOptions(options: EstimateCliOptions): EstimateOptions {
  const terms = options.terms?.split(',').map((term) => term.trim()).filter((term) => term !== '');
  if (options.terms !== undefined && (!terms || terms.length === 0)) throw usage('--terms needs at least one interaction, e.g. --terms LA:NG,PF:NCA');
  if (terms && options.model !== undefined) throw usage('give either --model or --terms, not both (--terms fits exactly the interactions given)');
  if (options.model !== undefined && options.model !== 'stepwise' && options.model !== 'main') {
    throw usage(`--model must be stepwise or main (got "${options.model}")`);
  }
  if (options.test !== undefined && options.test !== 'poisson' && options.test !== 'lrt') {
    throw usage(`--test must be poisson or lrt (got "${options.test}")`);
  }
  let threshold: number | undefined;
  if (options.threshold !== undefined) {
    threshold = Number(options.threshold);
    if (options.threshold.trim() === '' || !(threshold > 0 && threshold <= 1)) {
      throw usage(`--threshold must be a p-value between 0 and 1, e.g. 0.02 (got "${options.threshold}")`);
    }
  }
  if ((threshold !== undefined || options.test !== undefined) && (terms || options.model === 'main')) {
    throw usage('--threshold and --test apply only to stepwise selection');
  }
  return {
    ...(terms ? { terms } : {}),
    ...(options.model === 'main' ? { model: 'main' as const } : {}),
    ...(threshold !== undefined ? { threshold } : {}),
    ...(options.test === 'poisson' || options.test === 'lrt' ? { test: options.test } : {}),
  };
}

const whole = (value: number): string => Math.round(value).toLocaleString('en-US');
const pValue = (p: number): string => (p < 0.001 ? p.toExponential(1) : p.toFixed(3));

const ROW_LABELS: Record<SpreadRow['model'], string> = {
  main: 'main effects',
  'stepwise-0.001': 'stepwise, p < 0.001',
  'stepwise-0.02': 'stepwise, p < 0.02',
  'stepwise-0.05': 'stepwise, p < 0.05',
  'best-aic': 'best by AIC',
  'best-bic': 'best by BIC',
  'bayesian-average': 'Bayesian average',
};

function spreadSummary(spread: Spread): string[] {
  const lines = ['', 'The same data under other models (95% intervals conditional on each model; for the Bayesian average, a credible interval over the models):'];
  for (const row of spread.rows) {
    const label = `  ${ROW_LABELS[row.model].padEnd(20)}`;
    if (!row.estimable) lines.push(`${label}cannot be estimated: ${row.reason}`);
    else {
      const models = row.graphs !== undefined ? `${row.graphs.toLocaleString('en-US')} decomposable graphs` : row.terms.length === 0 ? 'no interactions' : row.terms.join(', ');
      lines.push(`${label}${whole(row.total).padStart(9)}  (${whole(row.lower)} - ${whole(row.upper)})  ${models}${row.search ? ` [${row.search} search]` : ''}`);
    }
  }
  lines.push(spread.summary);
  return lines;
}

function humanSummary(result: EstimationResult, spread: Spread | null, bootstrap: BootstrapInterval | null): string {
  const { interval, model } = result;
  const lines = [
    `Multiple systems estimate from ${result.lists.length} lists (${result.lists.join(', ')})`,
    '',
    `  observed (on at least one list)  ${whole(result.observed).padStart(9)}`,
    `  estimated hidden (on no list)    ${whole(result.hidden).padStart(9)}`,
    `  estimated total                  ${whole(result.total).padStart(9)}`,
    `  ${Math.round(interval.level * 100)}% interval for the total      ${whole(interval.lower).padStart(9)} - ${whole(interval.upper)}  (Wald, normal on the log scale, conditional on the model)`,
    ...(bootstrap ? bootstrapSummary(bootstrap) : []),
    '',
  ];
  if (model.terms.length === 0) lines.push('Model: main effects only (lists independent of one another)');
  else lines.push(`Model: main effects + ${model.terms.map((term) => (model.emptyTerms.includes(term) ? `${term} (minus infinity: no one on both)` : term)).join(', ')}`);
  if (model.kind === 'fixed') lines.push('  (interactions as given with --terms)');
  if (model.kind === 'stepwise') {
    const test = model.test === 'lrt' ? 'likelihood-ratio test' : 'Poisson test on the overlap';
    lines.push(`Chosen stepwise: ${test}, add the most significant interaction while p < ${model.threshold ?? DEFAULT_THRESHOLD}`);
    if (model.selection.length > 0) lines.push('  step  term                on both   expected   p-value');
    for (const step of model.selection) {
      lines.push(
        `  ${String(step.step).padStart(4)}  ${step.term.padEnd(18)}  ${String(step.observedOverlap).padStart(7)}  ${step.expectedOverlap.toFixed(1).padStart(9)}   ${pValue(step.pValue).padEnd(8)}  ${step.added ? 'added' : 'not added: stop'}`,
      );
    }
    for (const excluded of model.excluded) lines.push(`  refused at step ${excluded.step}: ${excluded.term}: ${excluded.message}`);
  }
  if (spread) lines.push(...spreadSummary(spread));
  for (const warning of result.warnings) lines.push(`Warning: ${warning}`);
  return lines.join('\n');
}

export function registerEstimate(program: Command): void {
  program
    .command('estimate')
    .description('Estimate the number of victims, known and unknown, from how lists of identified victims overlap (multiple systems estimation)')
    .option('--lists <file>', 'CSV with one 0/1 column per list and a last column counting the people on exactly that combination')
    .option('--model <model>', 'stepwise (default): select two-list interactions; main: main effects only')
    .option('--threshold <p>', `stepwise: add an interaction while its p-value is below this (default ${DEFAULT_THRESHOLD})`)
    .option('--test <test>', 'stepwise: poisson (default, as SparseMSE) or lrt (likelihood ratio)')
    .option('--terms <terms>', 'fit exactly these two-list interactions, e.g. LA:NG,PF:NCA')
    .option('--no-spread', 'skip the table of the same data under other models (main effects, stepwise at p 0.001, 0.02, 0.05, best AIC and BIC, Bayesian average over graphs)')
    .option('--bootstrap [resamples]', `also a bootstrap interval that repeats the stepwise selection on each resample (BCa, as SparseMSE's estimatepopulation; default ${DEFAULT_RESAMPLES} resamples)`)
    .option('--seed <seed>', `the bootstrap's seed (default ${DEFAULT_BOOTSTRAP_SEED}, SparseMSE's)`)
    .option('--by <column>', 'estimate separately in each stratum given by this column of the file (e.g. sex), with the sum of the strata beside the pooled estimate')
    .option('--year <year>', 'estimate from the case records of this year instead of a file (with --list and --by sex, age or form; shown as the estimation page shows it)')
    .option('--list <list>', 'with --year: a list of organisations, NAME=ORGANISATION;ORGANISATION (names or ids); give it once per list', (value: string, previous: string[]) => [...previous, value], [] as string[])
    .option('--json', 'machine-readable result')
    .action((options: EstimateCliOptions) => {
      if (options.year !== undefined || (options.list ?? []).length > 0) return estimateCasesByStratumCommand(options);
      const out = output(Boolean(options.json));
      let table: OverlapTable | null = null;
      try {
        const estimate = estimateOptions(options);
        if (options.by !== undefined) {
          estimateStrataCommand({ ...options, by: options.by }, estimate, readListsFile(options.lists), out);
          return;
        }
        const resampling = bootstrapOptions(options, estimate);
        table = parseOverlapTable(readListsFile(options.lists));
        const result = estimateHiddenPopulation(table, estimate);
        const bootstrap = resampling ? bootstrapInterval(table, resampling) : null;
        const spread = options.spread === false ? null : spreadOfModels(table);
        out.result({ ok: true, ...result, ...(bootstrap ? { bootstrap } : {}), ...(spread ? { spread } : {}) }, humanSummary(result, spread, bootstrap));
      } catch (error) {
        if (!(error instanceof EstimationError)) throw error;
        // A table the estimator refuses: the reason in plain words first, then the estimator's own.
        const reason = table && error.code !== 'bad-input' ? whyNotEstimable(table, error) : null;
        if (options.json) out.result({ ok: false, error: error.message, code: error.code, ...(reason ? { reason } : {}) }, '');
        else process.stderr.write(`palermo estimate: ${table && reason ? explained(table, error) : error.message}\n`);
        process.exitCode = 1;
      }
    });
}
