import { writeFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import type { Command } from 'commander';
import { withRuntime } from './with-runtime.js';
import { output, type Output } from '../output.js';
import { systemActor } from '../../platform/audit/audit.js';
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

  // The record-level CTDC file no longer leaves the platform raw: the command stays to say where to go instead.
  exportCommand
    .command('ctdc')
    .description('Refused: record-level data leaves the platform only as a release (k-anonymous or differentially private synthetic); see `palermo release`')
    .option('--output <file>', 'not written: the command refuses')
    .option('--json', 'print the refusal as JSON')
    .action((options: { output?: string; json?: boolean }) => {
      const out = output(Boolean(options.json));
      const error =
        'The raw CTDC file of the country\'s records is not exported: record-level data leaves the platform only through a release (palermo release k-anonymous or synthetic), within the privacy budget and audited.';
      if (out.json) out.result({ ok: false, code: 'raw_export_refused', error }, '');
      else process.stderr.write(`palermo export ctdc: ${error}\n`);
      process.exitCode = 1;
    });

  exportCommand
    .command('glotip')
    .description("Write the country's official GLOTIP / SDG 16.2.2 submission: detected victims by sex, age group, form of exploitation and citizenship (per 100,000 population where given), exact counts with those below 5 masked as UNODC asks; then the offender tables from the prosecution records (persons brought into formal contact, prosecuted, convicted, by sex and age, by citizenship (nationals, foreign nationals, each country with enough persons) and by form of exploitation, with the legal provision and source), every count perturbed by the cell-key method; audited")
    .requiredOption('--country <code>', 'the reporting country, ISO 3166-1 alpha-2 or alpha-3')
    .option('--population <figures>', 'resident population: one number for every year, or YEAR=NUMBER,YEAR=NUMBER')
    .option('--output <file>', 'where to write the CSV (default: standard output)')
    .option('--json', 'machine-readable summary (needs --output)')
    .action(async (options: { country: string; population?: string; output?: string; json?: boolean }) => {
      const out = output(Boolean(options.json));
      if (out.json && !options.output) throw new Error('--json prints the summary only: name the file with --output');
      await withRuntime('palermo export', async ({ database, cipher }) => {
        const population = parsePopulation(options.population);
        const result = await exportGlotip(database.db, systemActor('export glotip'), {
          country: options.country,
          ...(population ? { population } : {}),
          mask: true,
          cipher,
        });
        const file = await deliver(out, result.csv, options.output);
        const offenders = result.offenders;
        if (file !== '-' || out.json) {
          out.result(
            {
              ok: true, format: 'glotip', file, datasetId: result.datasetId, rows: result.rows, years: result.years, victimsCounted: result.victimsCounted, masked: true,
              offenders: offenders ? { rows: offenders.rows, years: offenders.years, legalProvisions: offenders.provisions, perturbed: 'cell-key', methodology: offenders.methodology } : null,
            },
            [
              `Wrote ${result.rows} GLOTIP table rows for ${result.years.length} years (${result.victimsCounted} detected victims) and ${offenders?.rows ?? 0} offender table rows for ${offenders?.years.length ?? 0} years to ${file}.`,
              ...(offenders ? ['Offender tables, methodology:', ...offenders.methodology.map((line) => `  ${line}`)] : []),
            ].join('\n'),
          );
        } else if (offenders) {
          // The CSV went to standard output: its methodology goes beside it, on standard error.
          process.stderr.write(`${['Offender tables, methodology:', ...offenders.methodology.map((line) => `  ${line}`)].join('\n')}\n`);
        }
      });
    });
}
