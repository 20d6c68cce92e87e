import { readFile } from 'node:fs/promises';
import { basename, resolve } from 'node:path';
import type { Command } from 'commander';
import { withRuntime } from './with-runtime.js';
import { registerProsecutionImport } from './import-prosecution.js';
import { output } from '../output.js';
import { systemActor } from '../../platform/audit/audit.js';
import { ImportError } from '../../modules/reference-statistics/import-report.js';
import { importGlotip, type ImportSummary } from '../../modules/reference-statistics/reference-statistics.service.js';
import { importCtdc, type CtdcImportSummary } from '../../modules/statistical-records/ctdc-import.js';
import { registerReferenceSeriesImports } from './import-reference-series.js';

function human(summary: ImportSummary): string {
  if (summary.alreadyImported) {
    return `${summary.file} was already imported on ${summary.importedAt} (sha256 ${summary.sha256}): nothing changed.`;
  }
  const kinds = Object.entries(summary.anomalies).filter(([, n]) => n > 0);
  const lines = [
    `Imported ${summary.rowsImported} of ${summary.rowsRead} rows from ${summary.file} (${summary.format}, sha256 ${summary.sha256}).`,
    kinds.length > 0 ? `Anomalies (each reported, none guessed): ${kinds.map(([k, n]) => `${k} ${n}`).join(', ')}.` : 'No anomalies.',
    ...(summary.examples.length > 0 ? ['First of each kind:'] : []),
    ...summary.examples.map((a) => `  row ${a.row}, ${a.column}: ${a.kind} "${a.original}" -> ${a.readAs}`),
  ];
  if (summary.examples.length > 0) lines.push(`The full report is stored with dataset ${summary.datasetId} (--json lists the first ${summary.report.length}).`);
  return lines.join('\n');
}

function humanCtdc(summary: CtdcImportSummary): string {
  if (summary.alreadyImported) {
    return `${summary.file} was already imported on ${summary.importedAt} (sha256 ${summary.sha256}): nothing changed.`;
  }
  const kinds = Object.entries(summary.anomalies).filter(([, n]) => n > 0);
  const lines = [
    `Imported ${summary.rowsImported} of ${summary.rowsRead} rows from ${summary.file} (CTDC ${summary.edition}, sha256 ${summary.sha256}) as dataset ${summary.datasetId}.`,
    kinds.length > 0 ? `Anomalies (each reported, none guessed): ${kinds.map(([k, n]) => `${k} ${n}`).join(', ')}.` : 'No anomalies.',
    ...(summary.examples.length > 0 ? ['First of each kind:'] : []),
    ...summary.examples.map((a) => `  row ${a.row}, ${a.column}: ${a.kind} "${a.original}" -> ${a.readAs}`),
  ];
  return lines.join('\n');
}

interface ImportOptions {
  json?: boolean;
  reportLimit: string;
}

interface ImportRun<S> {
  readonly source: 'glotip' | 'ctdc';
  readonly file: string;
  readonly options: ImportOptions;
  /** Runs the import; `progress` prints a line at most once per tenth of the work (not with --json). */
  readonly run: (input: {
    runtime: Parameters<Parameters<typeof withRuntime>[1]>[0];
    file: { fileName: string; bytes: Buffer };
    reportLimit: number;
    progress: (fraction: number, line: string) => void;
  }) => Promise<S>;
  readonly human: (summary: S) => string;
}

/**
 * What every import command does around its importer: read the file, run it in the runtime, print the summary, and on
 * an import error (nothing stored) say where and exit non-zero.
 */
async function runImport<S extends object>({ source, file, options, run, human: describe }: ImportRun<S>): Promise<void> {
  const out = output(Boolean(options.json));
  const reportLimit = Number(options.reportLimit);
  if (!Number.isInteger(reportLimit) || reportLimit < 0) throw new Error('--report-limit: a whole number, 0 or more');
  const path = resolve(file);
  const bytes = await readFile(path).catch((error: unknown) => {
    throw new Error(`${file}: ${error instanceof Error ? error.message : String(error)}`);
  });
  await withRuntime('palermo import', async (runtime) => {
    let lastTenth = -1;
    const progress = (fraction: number, line: string) => {
      const tenth = Math.floor(fraction * 10);
      if (!out.json && tenth > lastTenth) out.info(line);
      lastTenth = tenth;
    };
    try {
      const summary = await run({ runtime, file: { fileName: basename(path), bytes }, reportLimit, progress });
      out.result(Object.fromEntries(Object.entries(summary)), describe(summary));
    } catch (error) {
      if (!(error instanceof ImportError)) throw error;
      // Nothing was stored. Say where, and exit non-zero.
      if (out.json) {
        const failure = { ok: false, source, file: basename(path), error: error.message, code: error.code, ...error.where };
        process.stdout.write(`${JSON.stringify(failure)}\n`);
      } else {
        process.stderr.write(`palermo: ${error.message}. Nothing was imported.\n`);
      }
      process.exitCode = 1;
    }
  });
}

export function registerImport(program: Command): void {
  const importCommand = program.command('import').description('Import reference statistics published by others');
  registerReferenceSeriesImports(importCommand);
  registerProsecutionImport(importCommand);

  importCommand
    .command('glotip <file>')
    .description('Import a UNODC GLOTIP data export (XLSX or CSV), all or nothing; the same file twice changes nothing')
    .option('--json', 'machine-readable summary')
    .option('--report-limit <n>', 'how many anomalies the summary lists', '20')
    .action((file: string, options: ImportOptions) =>
      runImport({
        source: 'glotip',
        file,
        options,
        human,
        run: ({ runtime, file: input, reportLimit, progress }) =>
          importGlotip(runtime.database.db, input, {
            actor: systemActor('import glotip'),
            reportLimit,
            onProgress: (done, total) => progress(total === 0 ? 1 : done / total, `${done} / ${total} rows stored`),
          }),
      }),
    );

  importCommand
    .command('ctdc <file>')
    .description('Import a CTDC record-level file (k-anonymised 2017 or synthetic v2 layout, CSV or TSV) as de-identified statistical records, all or nothing; the same file twice changes nothing')
    .option('--json', 'machine-readable summary')
    .option('--report-limit <n>', 'how many anomalies the summary lists', '20')
    .action((file: string, options: ImportOptions) =>
      runImport({
        source: 'ctdc',
        file,
        options,
        human: humanCtdc,
        run: ({ runtime, file: input, reportLimit, progress }) =>
          importCtdc(runtime.database.db, input, {
            actor: systemActor('import ctdc'),
            reportLimit,
            postgresUrl: runtime.config.databaseUrl,
            onProgress: ({ rowsRead, bytesRead, bytesTotal }) => {
              const fraction = bytesTotal === 0 ? 1 : bytesRead / bytesTotal;
              progress(fraction, `${rowsRead} rows read and stored (${Math.floor(fraction * 10) * 10} % of the file)`);
            },
          }),
      }),
    );
}
