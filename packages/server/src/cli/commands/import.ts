import { readFile } from 'node:fs/promises';
import { basename, resolve } from 'node:path';
import type { Command } from 'commander';
import { withRuntime } from './with-runtime.js';
import { output } from '../output.js';
import { systemActor } from '../../platform/audit/audit.js';
import { ImportError } from '../../modules/reference-statistics/import-report.js';
import { importGlotip, type ImportSummary } from '../../modules/reference-statistics/reference-statistics.service.js';
import { importCtdc, type CtdcImportSummary } from '../../modules/statistical-records/ctdc-import.js';

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

export function registerImport(program: Command): void {
  const importCommand = program.command('import').description('Import reference statistics published by others');

  importCommand
    .command('glotip <file>')
    .description('Import a UNODC GLOTIP data export (XLSX or CSV), all or nothing; the same file twice changes nothing')
    .option('--json', 'machine-readable summary')
    .option('--report-limit <n>', 'how many anomalies the summary lists', '20')
    .action(async (file: string, options: { json?: boolean; reportLimit: string }) => {
      const out = output(Boolean(options.json));
      const reportLimit = Number(options.reportLimit);
      if (!Number.isInteger(reportLimit) || reportLimit < 0) throw new Error('--report-limit: a whole number, 0 or more');
      const path = resolve(file);
      const bytes = await readFile(path).catch((error: unknown) => {
        throw new Error(`${file}: ${error instanceof Error ? error.message : String(error)}`);
      });
      await withRuntime('palermo import', async ({ database }) => {
        let lastTenth = -1;
        try {
          const summary = await importGlotip(
            database.db,
            { fileName: basename(path), bytes },
            {
              actor: systemActor('import glotip'),
              reportLimit,
              onProgress(done, total) {
                const tenth = total === 0 ? 10 : Math.floor((done / total) * 10);
                if (!out.json && tenth > lastTenth) out.info(`${done} / ${total} rows stored`);
                lastTenth = tenth;
              },
            },
          );
          out.result({ ...summary }, human(summary));
        } catch (error) {
          if (!(error instanceof ImportError)) throw error;
          // Nothing was stored. Say where, and exit non-zero.
          if (out.json) {
            const failure = { ok: false, source: 'glotip', file: basename(path), error: error.message, code: error.code, ...error.where };
            process.stdout.write(`${JSON.stringify(failure)}\n`);
          } else {
            process.stderr.write(`palermo: ${error.message}. Nothing was imported.\n`);
          }
          process.exitCode = 1;
        }
      });
    });

  importCommand
    .command('ctdc <file>')
    .description('Import a CTDC record-level file (k-anonymised 2017 or synthetic v2 layout, CSV or TSV) as de-identified statistical records, all or nothing; the same file twice changes nothing')
    .option('--json', 'machine-readable summary')
    .option('--report-limit <n>', 'how many anomalies the summary lists', '20')
    .action(async (file: string, options: { json?: boolean; reportLimit: string }) => {
      const out = output(Boolean(options.json));
      const reportLimit = Number(options.reportLimit);
      if (!Number.isInteger(reportLimit) || reportLimit < 0) throw new Error('--report-limit: a whole number, 0 or more');
      const path = resolve(file);
      const bytes = await readFile(path).catch((error: unknown) => {
        throw new Error(`${file}: ${error instanceof Error ? error.message : String(error)}`);
      });
      await withRuntime('palermo import', async ({ database, config }) => {
        let lastTenth = -1;
        try {
          const summary = await importCtdc(
            database.db,
            { fileName: basename(path), bytes },
            {
              actor: systemActor('import ctdc'),
              reportLimit,
              postgresUrl: config.databaseUrl,
              onProgress({ rowsRead, bytesRead, bytesTotal }) {
                const tenth = bytesTotal === 0 ? 10 : Math.floor((bytesRead / bytesTotal) * 10);
                if (!out.json && tenth > lastTenth) out.info(`${rowsRead} rows read and stored (${tenth * 10} % of the file)`);
                lastTenth = tenth;
              },
            },
          );
          out.result({ ...summary }, humanCtdc(summary));
        } catch (error) {
          if (!(error instanceof ImportError)) throw error;
          if (out.json) {
            const failure = { ok: false, source: 'ctdc', file: basename(path), error: error.message, code: error.code, ...error.where };
            process.stdout.write(`${JSON.stringify(failure)}\n`);
          } else {
            process.stderr.write(`palermo: ${error.message}. Nothing was imported.\n`);
          }
          process.exitCode = 1;
        }
      });
    });
}
