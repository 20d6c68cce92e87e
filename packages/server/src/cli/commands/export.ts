import { writeFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import type { Command } from 'commander';
import { withRuntime } from './with-runtime.js';
import { output, type Output } from '../output.js';
import { systemActor } from '../../platform/audit/audit.js';
import { exportCountryCtdc } from '../../modules/statistical-records/ctdc-export.js';
import { exportGlotip } from '../../modules/reference-statistics/glotip-export.js';

/** Writes the file to --output, or to standard output (not allowed with --json, which prints only the summary). */
async function deliver(out: Output, csv: string, target: string | undefined): Promise<string> {
  if (target) {
    const path = resolve(target);
    await writeFile(path, csv, { mode: 0o600 });
    return path;
  }
  if (out.json) throw new Error('--json prints the summary only: name the file with --output');
  process.stdout.write(csv);
  return '-';
}

/** `2024=5000000,2025=5100000`, or one number for every year. */
function parsePopulation(text: string | undefined): Map<number, number> | undefined {
  if (text === undefined) return undefined;
  const map = new Map<number, number>();
  if (/^\d+$/.test(text.trim())) {
    for (let year = 1900; year <= 2100; year += 1) map.set(year, Number(text));
    return map;
  }
  for (const part of text.split(',')) {
    const match = /^\s*(\d{4})\s*=\s*(\d+)\s*$/.exec(part);
    if (!match) throw new Error(`--population: "${part}" is not YEAR=NUMBER`);
    map.set(Number(match[1]), Number(match[2]));
  }
  return map;
}

export function registerExport(program: Command): void {
  const exportCommand = program.command('export').description('Export de-identified statistics in the field\'s formats (audited)');

  exportCommand
    .command('ctdc')
    .description('Write the country\'s own case data as a CTDC file (synthetic v2 layout): one de-identified record per person who consented to statistics')
    .option('--output <file>', 'where to write the CSV (default: standard output)')
    .option('--json', 'machine-readable summary (needs --output)')
    .action(async (options: { output?: string; json?: boolean }) => {
      const out = output(Boolean(options.json));
      if (out.json && !options.output) throw new Error('--json prints the summary only: name the file with --output');
      await withRuntime('palermo export', async ({ database, cipher }) => {
        const result = await exportCountryCtdc(database.db, systemActor('export ctdc'), { cipher });
        const file = await deliver(out, result.csv, options.output);
        if (file !== '-' || out.json) {
          out.result(
            { ok: true, format: 'ctdc_synthetic_v2', file, datasetId: result.datasetId, records: result.records, excludedWithoutConsent: result.excludedWithoutConsent, excludedNotVictims: result.excludedNotVictims },
            `Wrote ${result.records} de-identified records to ${file} (${result.excludedWithoutConsent} persons without consent to statistics and ${result.excludedNotVictims} not victims left out).`,
          );
        }
      });
    });

  exportCommand
    .command('glotip')
    .description('Write the GLOTIP / SDG 16.2.2 tables of detected victims (by sex, age group, form of exploitation, citizenship; per 100,000 population where given)')
    .requiredOption('--country <code>', 'the reporting country, ISO 3166-1 alpha-2 or alpha-3')
    .option('--population <figures>', 'resident population: one number for every year, or YEAR=NUMBER,YEAR=NUMBER')
    .option('--no-mask', 'do not mask counts below 5 (for internal use only)')
    .option('--output <file>', 'where to write the CSV (default: standard output)')
    .option('--json', 'machine-readable summary (needs --output)')
    .action(async (options: { country: string; population?: string; mask: boolean; output?: string; json?: boolean }) => {
      const out = output(Boolean(options.json));
      if (out.json && !options.output) throw new Error('--json prints the summary only: name the file with --output');
      await withRuntime('palermo export', async ({ database, cipher }) => {
        const population = parsePopulation(options.population);
        const result = await exportGlotip(database.db, systemActor('export glotip'), {
          country: options.country,
          ...(population ? { population } : {}),
          mask: options.mask,
          cipher,
        });
        const file = await deliver(out, result.csv, options.output);
        if (file !== '-' || out.json) {
          out.result(
            { ok: true, format: 'glotip', file, datasetId: result.datasetId, rows: result.rows, years: result.years, victimsCounted: result.victimsCounted, masked: options.mask },
            `Wrote ${result.rows} GLOTIP table rows for ${result.years.length} years (${result.victimsCounted} detected victims) to ${file}.`,
          );
        }
      });
    });
}
