import { randomUUID } from 'node:crypto';
import type { FastifyBaseLogger } from 'fastify';
import type { ImportFailureView, ImportJobView, ImportSource, ImportSummaryView } from '@palermo/contracts';
import type { Actor } from '../../platform/audit/audit.js';
import type { Db } from '../../platform/db/database.js';
import { ImportError } from '../reference-statistics/import-report.js';
import { importGlotip } from '../reference-statistics/reference-statistics.service.js';
import { importCtdc } from './ctdc-import.js';

/** How long a finished job can still be asked about. */
const KEEP_MS = 60 * 60 * 1000;

interface Job {
  view: ImportJobView;
  ownerUserId: string;
  finishedAt: number | null;
  done: Promise<void>;
}

/**
 * Imports running in the background of this process, and what became of them. The import itself is all or nothing
 * (one transaction); a job only tells how far it has gone and keeps the report or the error for the page to show.
 */
export class ImportJobs {
  private readonly jobs = new Map<string, Job>();

  constructor(
    private readonly db: Db,
    private readonly log: FastifyBaseLogger,
    /** The PostgreSQL connection string, for COPY (undefined on PGlite). */
    private readonly postgresUrl: string | undefined,
  ) {}

  start(source: ImportSource, fileName: string, bytes: Buffer, actor: Actor, ownerUserId: string): string {
    this.forgetOld();
    const id = randomUUID();
    const view: ImportJobView = { id, source, fileName, status: 'running', rowsRead: 0, progress: 0, summary: null, error: null };
    const job: Job = { view, ownerUserId, finishedAt: null, done: Promise.resolve() };
    this.jobs.set(id, job);
    job.done = this.run(job, source, fileName, bytes, actor);
    return id;
  }

  /** The job as its owner sees it; undefined for anyone else or an unknown id. */
  view(id: string, userId: string): ImportJobView | undefined {
    const job = this.jobs.get(id);
    return job && job.ownerUserId === userId ? { ...job.view } : undefined;
  }

  /** Waits for running jobs (when the server closes). */
  async settle(): Promise<void> {
    await Promise.all([...this.jobs.values()].map((j) => j.done));
  }

  private forgetOld(): void {
    const now = Date.now();
    for (const [id, job] of this.jobs) if (job.finishedAt !== null && now - job.finishedAt > KEEP_MS) this.jobs.delete(id);
  }

  private async run(job: Job, source: ImportSource, fileName: string, bytes: Buffer, actor: Actor): Promise<void> {
    // Let the request that started the job answer first.
    await new Promise((resolve) => setImmediate(resolve));
    try {
      job.view.summary = source === 'ctdc' ? await this.ctdc(job, fileName, bytes, actor) : await this.glotip(job, fileName, bytes, actor);
      job.view.status = 'succeeded';
      job.view.progress = 1;
    } catch (error) {
      job.view.status = 'failed';
      job.view.error = failureOf(error);
      if (!(error instanceof ImportError)) this.log.error({ err: error, job: job.view.id }, 'import job failed');
    } finally {
      job.finishedAt = Date.now();
    }
  }

  private async ctdc(job: Job, fileName: string, bytes: Buffer, actor: Actor): Promise<ImportSummaryView> {
    const summary = await importCtdc(this.db, { fileName, bytes }, {
      actor,
      postgresUrl: this.postgresUrl,
      onProgress({ rowsRead, bytesRead, bytesTotal }) {
        job.view.rowsRead = rowsRead;
        job.view.progress = bytesTotal === 0 ? 0 : Math.min(0.99, bytesRead / bytesTotal);
      },
    });
    return {
      source: 'ctdc',
      datasetId: summary.datasetId,
      file: summary.file,
      format: summary.edition,
      sha256: summary.sha256,
      importedAt: summary.importedAt,
      rowsRead: summary.rowsRead,
      rowsImported: summary.rowsImported,
      alreadyImported: summary.alreadyImported,
      anomalies: { ...summary.anomalies },
      report: summary.report,
      examples: summary.examples,
    };
  }

  private async glotip(job: Job, fileName: string, bytes: Buffer, actor: Actor): Promise<ImportSummaryView> {
    const summary = await importGlotip(this.db, { fileName, bytes }, {
      actor,
      onProgress(done, total) {
        job.view.rowsRead = done;
        job.view.progress = total === 0 ? 0 : Math.min(0.99, done / total);
      },
    });
    return {
      source: 'glotip',
      datasetId: summary.datasetId,
      file: summary.file,
      format: summary.format,
      sha256: summary.sha256,
      importedAt: summary.importedAt,
      rowsRead: summary.rowsRead,
      rowsImported: summary.rowsImported,
      alreadyImported: summary.alreadyImported,
      anomalies: { ...summary.anomalies },
      report: summary.report,
      examples: summary.examples,
    };
  }
}

function failureOf(error: unknown): ImportFailureView {
  if (error instanceof ImportError) {
    return {
      code: error.code,
      message: error.message,
      ...(error.where.row !== undefined ? { row: error.where.row } : {}),
      ...(error.where.column !== undefined ? { column: error.where.column } : {}),
    };
  }
  return { code: 'failed', message: 'The import failed while storing the file; nothing was stored.' };
}
