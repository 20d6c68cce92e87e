import { readFile } from 'node:fs/promises';
import { basename, resolve } from 'node:path';
import type { Command } from 'commander';
import type { ReferenceSeries } from '@palermo/contracts';
import { withRuntime } from './with-runtime.js';
import { output } from '../output.js';
import { systemActor } from '../../platform/audit/audit.js';
import { ImportError } from '../../modules/reference-statistics/import-report.js';
import { importReferenceSeries, type ReferenceImportSummary } from '../../modules/recommendations/reference-series.js';

function human(s: ReferenceImportSummary): string {
  if (s.alreadyImported) return `${s.file} was already imported (sha256 ${s.sha256}): nothing changed.`;
  return `Imported ${s.rowsImported} of ${s.rowsRead} rows (${s.countries} countries) from ${s.file} (sha256 ${s.sha256}); the series' earlier rows were replaced.`;
}

async function run(series: ReferenceSeries, file: string, options: { json?: boolean }): Promise<void> {
  const out = output(Boolean(options.json));
  const path = resolve(file);
  const bytes = await readFile(path).catch((error: unknown) => {
    throw new Error(`${file}: ${error instanceof Error ? error.message : String(error)}`);
  });
  await withRuntime('palermo import', async (runtime) => {
    try {
      const summary = await importReferenceSeries(runtime.database.db, series, { fileName: basename(path), bytes }, systemActor(`import ${series}`));
      out.result({ ok: true, ...summary }, human(summary));
    } catch (error) {
      if (!(error instanceof ImportError)) throw error;
      if (out.json) process.stdout.write(`${JSON.stringify({ ok: false, series, file: basename(path), error: error.message, code: error.code, ...error.where })}\n`);
      else process.stderr.write(`palermo: ${error.message}. Nothing was imported.\n`);
      process.exitCode = 1;
    }
  });
}

/** `palermo import tip-tiers <file>` and `palermo import policy-index <file>`: the reference series beside the plan. */
export function registerReferenceSeriesImports(importCommand: Command): void {
  importCommand
    .command('tip-tiers <file>')
    .description("Import the US TIP report's tiers by country and year (CSV: countryname, iso, year, tier with 1, 2, 3 = Watch List, 4 = Tier 3, NA), all or nothing; the same file twice changes nothing")
    .option('--json', 'machine-readable summary')
    .action((file: string, options: { json?: boolean }) => run('tip_tiers', file, options));
  importCommand
    .command('policy-index <file>')
    .description('Import the 3P anti-trafficking policy index (CSV: country_name, iso3, year, prosecution, protection, prevention 1-5 or NA, criminalization), all or nothing; the same file twice changes nothing')
    .option('--json', 'machine-readable summary')
    .action((file: string, options: { json?: boolean }) => run('policy_index_3p', file, options));
}
