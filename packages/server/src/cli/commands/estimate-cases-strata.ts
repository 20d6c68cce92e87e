import { estimateStrataFromCasesRequest, type StratifiedEstimateView } from '@palermo/contracts';
import { systemActor } from '../../platform/audit/audit.js';
import { HttpError } from '../../platform/http/errors.js';
import { EstimationError } from '../../modules/estimation/errors.js';
import { stratifiedFromCases } from '../../modules/estimation/strata.service.js';
import { output } from '../output.js';
import { withRuntime } from './with-runtime.js';

/**
 * `palermo estimate --year 2024 --list NGO=Safe Passage;Harbour House --list Police=Central Police --by sex`: the case
 * records of a year, lists made of organisations (by name or id, separated by ";"), estimated by stratum. It prints
 * what the estimation page shows (counts perturbed, estimates rounded) and is audited, as the page is.
 */
export interface CasesStrataCliOptions {
  readonly year?: string;
  readonly list?: readonly string[];
  readonly by?: string;
  readonly model?: string;
  readonly json?: boolean;
}

function usage(message: string): EstimationError {
  return new EstimationError(message, 'bad-input');
}

function parseList(text: string): { name: string; organisations: string[] } {
  const at = text.indexOf('=');
  if (at <= 0) throw usage(`--list "${text}": write NAME=ORGANISATION;ORGANISATION..., e.g. --list "NGO=Safe Passage Association;Harbour House"`);
  const organisations = text
    .slice(at + 1)
    .split(';')
    .map((part) => part.trim())
    .filter((part) => part !== '');
  if (organisations.length === 0) throw usage(`--list "${text}": name at least one organisation after "="`);
  return { name: text.slice(0, at).trim(), organisations };
}

const whole = (value: number): string => value.toLocaleString('en-US');

function humanSummary(view: StratifiedEstimateView): string {
  const row = (label: string, observed: number | null, estimate: { total: number; lower: number; upper: number } | null, problem: string | null) =>
    `  ${label.padEnd(28)}${whole(observed ?? 0).padStart(9)}  ${estimate ? `${whole(estimate.total).padStart(9)}  (${whole(estimate.lower)} - ${whole(estimate.upper)})` : `cannot be estimated (${problem ?? 'not-estimable'})`}`;
  return [
    `Multiple systems estimate by ${view.by}, case records of ${view.year ?? ''}, ${view.lists.length} lists (${view.lists.join(', ')})`,
    'Counts perturbed by the cell-key method and estimates rounded, as the estimation page shows them.',
    '',
    `  ${view.by.padEnd(28)}${'observed'.padStart(9)}  ${'total'.padStart(9)}  95% interval`,
    ...view.strata.map((s) => row(s.stratum, s.observed.value, s.estimate, s.problem)),
    '',
    row(view.sum.complete ? 'sum of the strata' : `sum (incomplete: leaves out ${view.sum.missing.join(', ')})`, view.sum.observed.value, view.sum.estimate, view.sum.estimate ? null : 'no stratum'),
    row('pooled (all together)', view.pooled.observed.value, view.pooled.estimate, view.pooled.problem),
  ].join('\n');
}

export async function estimateCasesByStratumCommand(options: CasesStrataCliOptions): Promise<void> {
  const out = output(Boolean(options.json));
  try {
    if (options.by === undefined) throw usage('from the case records (--year and --list), give --by sex, age or form');
    const lists = (options.list ?? []).map(parseList);
    const year = Number(options.year);
    await withRuntime('palermo estimate', async ({ database, cipher }) => {
      const organisations = await database.db.selectFrom('organisations').select(['id', 'name']).execute();
      const resolved = lists.map((list) => ({
        name: list.name,
        organisationIds: list.organisations.map((wanted) => {
          const found = organisations.filter((o) => o.id === wanted || o.name.toLowerCase() === wanted.toLowerCase());
          if (found.length !== 1) throw usage(`--list ${list.name}: ${found.length === 0 ? 'no organisation is called' : 'several organisations are called'} "${wanted}"${found.length > 1 ? '; give its id' : ''}`);
          return found[0]?.id ?? '';
        }),
      }));
      const request = estimateStrataFromCasesRequest.safeParse({ year, lists: resolved, by: options.by, model: options.model ?? 'stepwise' });
      if (!request.success) {
        const issue = request.error.issues[0];
        throw usage(`${issue?.path.join('.') ?? ''}: ${issue?.message ?? 'is not valid'}`.replace(/^year:/, '--year:').replace(/^by:/, '--by:').replace(/^model:/, '--model:'));
      }
      const view = await database.db.transaction().execute((tx) => stratifiedFromCases(tx, systemActor('estimate'), request.data, cipher.recordKeys));
      out.result({ ok: true, ...view }, humanSummary(view));
    });
  } catch (error) {
    if (!(error instanceof EstimationError) && !(error instanceof HttpError)) throw error;
    if (options.json) out.result({ ok: false, error: error.message, code: error instanceof EstimationError ? error.code : 'bad-input' }, '');
    else process.stderr.write(`palermo estimate: ${error.message}\n`);
    process.exitCode = 1;
  }
}
