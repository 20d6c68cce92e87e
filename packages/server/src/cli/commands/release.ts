import { writeFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import type { Command } from 'commander';
import { releaseRequest, type ReleaseBudgetView, type ReleaseMade, type ReleaseRequest } from '@palermo/contracts';
import { withRuntime } from './with-runtime.js';
import { output } from '../output.js';
import { systemActor } from '../../platform/audit/audit.js';
import type { Db } from '../../platform/db/database.js';
import { HttpError } from '../../platform/http/errors.js';
import { refreshCountryDataset } from '../../modules/statistical-records/country-dataset.js';
import { budgetOf, listDatasets, makeRelease, setBudget } from '../../modules/releases/releases.service.js';

interface CommonOptions {
  dataset: string;
  attributes?: string;
  out?: string;
  json?: boolean;
}

const list = (text: string | undefined): string[] | undefined =>
  text === undefined ? undefined : text.split(',').map((item) => item.trim()).filter((item) => item !== '');

function number(text: string | undefined, option: string): number {
  const value = Number(text);
  if (text === undefined || text.trim() === '' || !Number.isFinite(value)) throw new Error(`${option}: give a number (got "${text ?? ''}")`);
  return value;
}

/** `country` is the country's own dataset (created from the case records on first use); anything else a dataset id. */
async function resolveDataset(db: Db, dataset: string, cipher: Parameters<typeof refreshCountryDataset>[2]): Promise<string> {
  if (dataset !== 'country') return dataset;
  const found = await db.selectFrom('statistical_datasets').select('id').where('kind', '=', 'country_cases').executeTakeFirst();
  return found?.id ?? (await refreshCountryDataset(db, systemActor('release'), cipher)).datasetId;
}

const percent = (share: number) => `${(share * 100).toFixed(1)}%`;

function humanRelease(made: ReleaseMade, out: string): string {
  const { release, budget } = made;
  const lines = [
    `${release.kind === 'synthetic' ? 'Differentially private synthetic' : 'k-anonymous'} release ${release.id}: ${release.recordsReleased} records from ${release.recordsRead}, written to ${out}`,
    `  SHA-256 ${release.fileSha256}`,
  ];
  if (release.kind === 'synthetic') lines.push(`  spent epsilon ${release.epsilon}, delta ${release.delta}; remaining epsilon ${budget.remainingEpsilon}, delta ${budget.remainingDelta}`);
  else lines.push(`  records suppressed: ${String(release.mechanism['recordsSuppressed'])}; levels ${JSON.stringify(release.mechanism['levels'])}`);
  lines.push('  length  real combinations  released  mean real count  mean abs. error  suppressed  fabricated');
  for (const l of release.utility.lengths) {
    lines.push(
      `  ${String(l.length).padStart(6)}  ${String(l.realCombinations).padStart(17)}  ${String(l.releasedCombinations).padStart(8)}  ${l.meanRealCount.toFixed(1).padStart(15)}  ${l.meanAbsoluteError.toFixed(2).padStart(15)}  ${percent(l.suppressedShare).padStart(10)}  ${percent(l.fabricatedShare).padStart(10)}`,
    );
  }
  return lines.join('\n');
}

async function runRelease(request: ReleaseRequest & { datasetId: string }, options: CommonOptions): Promise<void> {
  const out = output(Boolean(options.json));
  if (!options.out) throw new Error('--out: give the file to write the release to');
  const file = resolve(options.out);
  await withRuntime('palermo release', async ({ database, cipher }) => {
    try {
      const datasetId = await resolveDataset(database.db, request.datasetId, { cipher });
      const parsed = releaseRequest.safeParse({ ...request, datasetId });
      if (!parsed.success) {
        const issue = parsed.error.issues[0];
        throw new Error(`${issue?.path.join('.') ?? 'request'}: ${issue?.message ?? 'invalid'}`);
      }
      const { csv, ...made } = await makeRelease({ db: database.db, cipher }, systemActor('release'), parsed.data);
      await writeFile(file, csv);
      out.result({ ok: true, file, ...made }, humanRelease(made, file));
    } catch (error) {
      if (!(error instanceof HttpError)) throw error;
      if (options.json) out.result({ ok: false, error: error.message, code: error.code }, '');
      else process.stderr.write(`palermo release: ${error.message}\n`);
      process.exitCode = 1;
    }
  });
}

function humanBudget(rows: ReadonlyArray<{ id: string; name: string; records: number; budget: ReleaseBudgetView }>): string {
  if (rows.length === 0) return 'No datasets yet.';
  return rows
    .map(
      (row) =>
        `${row.name} (${row.id}, ${row.records} records): epsilon ${row.budget.spentEpsilon} of ${row.budget.totalEpsilon} spent, delta ${row.budget.spentDelta} of ${row.budget.totalDelta}` +
        (row.budget.setByOperator ? '' : ' (default budget)'),
    )
    .join('\n');
}

export function registerRelease(program: Command): void {
  const release = program.command('release').description('Publish the statistical records privacy-safely: k-anonymous or differentially private synthetic files, within a privacy budget');

  release
    .command('synthetic')
    .description('Differentially private synthetic records: noisy counts of all value combinations up to --length, thresholded, then records drawn from them')
    .option('--dataset <id>', 'dataset id, or "country" for the records derived from the cases', 'country')
    .requiredOption('--epsilon <e>', 'privacy loss epsilon this release spends')
    .requiredOption('--delta <d>', 'delta this release spends (below 1 / number of records)')
    .option('--length <n>', 'reporting length: longest combination counted (1 to 3)', '3')
    .option('--attributes <names>', 'comma-separated attributes to release (default: all)')
    .option('--out <file>', 'CSV file to write')
    .option('--json', 'machine-readable result')
    .action(async (options: CommonOptions & { epsilon: string; delta: string; length: string }) => {
      const attributes = list(options.attributes) as ReleaseRequest['attributes'];
      await runRelease(
        {
          kind: 'synthetic',
          datasetId: options.dataset,
          epsilon: number(options.epsilon, '--epsilon'),
          delta: number(options.delta, '--delta'),
          reportingLength: number(options.length, '--length'),
          ...(attributes ? { attributes } : {}),
        },
        options,
      );
    });

  release
    .command('k-anonymous')
    .description('k-anonymous records: quasi-identifiers generalised (age band -> minor/adult, year -> period, country -> region) and records in classes smaller than k suppressed')
    .option('--dataset <id>', 'dataset id, or "country" for the records derived from the cases', 'country')
    .option('--k <k>', 'smallest class size', '11')
    .requiredOption('--quasi-identifiers <names>', 'comma-separated attributes someone could know about a person')
    .option('--attributes <names>', 'comma-separated attributes to release (default: all)')
    .option('--out <file>', 'CSV file to write')
    .option('--json', 'machine-readable result')
    .action(async (options: CommonOptions & { k: string; quasiIdentifiers: string }) => {
      const attributes = list(options.attributes) as ReleaseRequest['attributes'];
      await runRelease(
        {
          kind: 'k_anonymous',
          datasetId: options.dataset,
          k: number(options.k, '--k'),
          quasiIdentifiers: (list(options.quasiIdentifiers) ?? []) as Extract<ReleaseRequest, { kind: 'k_anonymous' }>['quasiIdentifiers'],
          ...(attributes ? { attributes } : {}),
        },
        options,
      );
    });

  release
    .command('budget')
    .description('Show the privacy budget of every dataset, or set one with --dataset, --set-epsilon and --set-delta')
    .option('--dataset <id>', 'dataset id, or "country"')
    .option('--set-epsilon <e>', 'total epsilon of the dataset')
    .option('--set-delta <d>', 'total delta of the dataset')
    .option('--json', 'machine-readable result')
    .action(async (options: { dataset?: string; setEpsilon?: string; setDelta?: string; json?: boolean }) => {
      const out = output(Boolean(options.json));
      await withRuntime('palermo release', async ({ database, cipher }) => {
        const db = database.db;
        try {
          if (options.setEpsilon !== undefined || options.setDelta !== undefined) {
            if (!options.dataset) throw new Error('--dataset: say which dataset the budget is for');
            const datasetId = await resolveDataset(db, options.dataset, { cipher });
            const current = await budgetOf(db, datasetId);
            const totals = {
              epsilon: options.setEpsilon === undefined ? current.totalEpsilon : number(options.setEpsilon, '--set-epsilon'),
              delta: options.setDelta === undefined ? current.totalDelta : number(options.setDelta, '--set-delta'),
            };
            const budget = await setBudget(db, systemActor('release budget'), datasetId, totals);
            out.result({ ok: true, datasetId, budget }, `Budget of ${datasetId}: epsilon ${budget.totalEpsilon}, delta ${budget.totalDelta}; spent epsilon ${budget.spentEpsilon}, delta ${budget.spentDelta}`);
            return;
          }
          const { datasets } = await listDatasets(db);
          const shown = options.dataset ? datasets.filter((dataset) => dataset.id === options.dataset || (options.dataset === 'country' && dataset.kind === 'country_cases')) : datasets;
          out.result({ ok: true, datasets: shown }, humanBudget(shown));
        } catch (error) {
          if (!(error instanceof HttpError)) throw error;
          if (options.json) out.result({ ok: false, error: error.message, code: error.code }, '');
          else process.stderr.write(`palermo release: ${error.message}\n`);
          process.exitCode = 1;
        }
      });
    });
}
