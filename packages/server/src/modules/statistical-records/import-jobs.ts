import { randomUUID } from 'node:crypto';
import type { FastifyBaseLogger } from 'fastify';
import type { ImportFailureView, ImportJobView, ImportSource, ImportSummaryView } from '@palermo/contracts';
import type { Actor } from '../../platform/audit/audit.js';
import type { Db } from '../../platform/db/database.js';
import type { JobEngine } from '../../platform/jobs/job-engine.js';
import { ImportError } from '../reference-statistics/import-report.js';
import { importGlotip } from '../reference-statistics/reference-statistics.service.js';
import { importCtdc } from './ctdc-import.js';

/** The queue of web imports (docs/decisions/0008). */
export const IMPORT_QUEUE = 'statistical-import';

/** How often a running import writes how far it has gone, for a server process other than the one running it. */
const PROGRESS_EVERY_MS = 1000;

interface Progress {
  rowsRead: number;
  progress: number;
  written: number;
}

/**
 * Web imports as background jobs on the job engine. The upload is stored with its job in one transaction and the
 * request answers at once; whichever server process takes the job imports the file (all or nothing, in one
 * transaction), stores the report or the error on the job's row and drops the file. The row is the owner's alone to
 * read. A job whose process stopped is taken again; a job already finished is not run twice, and the import itself is
 * idempotent (the same file is recognised by its hash).
 */
export class ImportJobs {
  /** How far the imports running in this process have gone (PGlite holds its one connection for the import). */
  private readonly running = new Map<string, Progress>();

  constructor(
    private readonly db: Db,
    private readonly log: FastifyBaseLogger,
    /** The PostgreSQL connection string, for COPY (undefined on PGlite). */
    private readonly postgresUrl: string | undefined,
    private readonly jobs: JobEngine,
  ) {
    jobs.define<{ importId: string }>(IMPORT_QUEUE, (data) => this.run(data.importId), { retryLimit: 1, expireInSeconds: 6 * 3600 });
  }

  async start(source: ImportSource, fileName: string, bytes: Buffer, actor: Actor, ownerUserId: string): Promise<string> {
    const id = randomUUID();
    await this.db.transaction().execute(async (tx) => {
      await tx
        .insertInto('import_jobs')
        .values({ id, source, file_name: fileName, file: bytes, owner_user_id: ownerUserId, actor_name: actor.name, actor_organisation_id: actor.organisationId, created_at: new Date(), finished_at: null })
        .execute();
      await this.jobs.send(IMPORT_QUEUE, { importId: id }, { tx });
    });
    return id;
  }

  /** The job as its owner sees it; undefined for anyone else or an unknown id. */
  async view(id: string, userId: string): Promise<ImportJobView | undefined> {
    const row = await this.db
      .selectFrom('import_jobs')
      .select(['id', 'source', 'file_name', 'status', 'rows_read', 'progress', 'summary', 'error'])
      .where('id', '=', id)
      .where('owner_user_id', '=', userId)
      .executeTakeFirst();
    if (!row) return undefined;
    const live = row.status === 'running' ? this.running.get(id) : undefined;
    return {
      id: row.id,
      source: row.source as ImportSource,
      fileName: row.file_name,
      status: row.status as ImportJobView['status'],
      rowsRead: live?.rowsRead ?? row.rows_read,
      progress: live?.progress ?? row.progress,
      summary: (row.summary as ImportSummaryView | null) ?? null,
      error: (row.error as ImportFailureView | null) ?? null,
    };
  }

  private async run(id: string): Promise<void> {
    const job = await this.db.selectFrom('import_jobs').selectAll().where('id', '=', id).executeTakeFirst();
    if (!job || job.status !== 'running' || !job.file) return;
    const actor: Actor = { userId: job.owner_user_id, name: job.actor_name, organisationId: job.actor_organisation_id };
    const progress: Progress = { rowsRead: 0, progress: 0, written: Date.now() };
    this.running.set(id, progress);
    const bytes = Buffer.from(job.file);
    let outcome: { status: 'succeeded'; summary: ImportSummaryView } | { status: 'failed'; error: ImportFailureView };
    try {
      const summary = job.source === 'ctdc' ? await this.ctdc(id, progress, job.file_name, bytes, actor) : await this.glotip(id, progress, job.file_name, bytes, actor);
      outcome = { status: 'succeeded', summary };
    } catch (error) {
      if (!(error instanceof ImportError)) this.log.error({ err: error, job: id }, 'import job failed');
      outcome = { status: 'failed', error: failureOf(error) };
    }
    try {
      await this.db
        .updateTable('import_jobs')
        .set({
          status: outcome.status,
          summary: outcome.status === 'succeeded' ? JSON.stringify(outcome.summary) : null,
          error: outcome.status === 'failed' ? JSON.stringify(outcome.error) : null,
          progress: outcome.status === 'succeeded' ? 1 : progress.progress,
          rows_read: outcome.status === 'succeeded' ? outcome.summary.rowsRead : progress.rowsRead,
          file: null,
          finished_at: new Date(),
        })
        .where('id', '=', id)
        .where('status', '=', 'running')
        .execute();
    } finally {
      this.running.delete(id);
    }
  }

  /** Progress in memory at once, and on the job's row now and then when another process could be asked (PostgreSQL). */
  private report(id: string, progress: Progress, rowsRead: number, fraction: number): void {
    progress.rowsRead = rowsRead;
    progress.progress = Math.min(0.99, fraction);
    if (!this.postgresUrl || Date.now() - progress.written < PROGRESS_EVERY_MS) return;
    progress.written = Date.now();
    this.db
      .updateTable('import_jobs')
      .set({ rows_read: progress.rowsRead, progress: progress.progress })
      .where('id', '=', id)
      .where('status', '=', 'running')
      .execute()
      .catch((error: unknown) => this.log.warn({ err: error instanceof Error ? error.message : String(error), job: id }, 'writing import progress failed'));
  }

  private async ctdc(id: string, progress: Progress, fileName: string, bytes: Buffer, actor: Actor): Promise<ImportSummaryView> {
    const summary = await importCtdc(this.db, { fileName, bytes }, {
      actor,
      postgresUrl: this.postgresUrl,
      onProgress: ({ rowsRead, bytesRead, bytesTotal }) => this.report(id, progress, rowsRead, bytesTotal === 0 ? 0 : bytesRead / bytesTotal),
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

  private async glotip(id: string, progress: Progress, fileName: string, bytes: Buffer, actor: Actor): Promise<ImportSummaryView> {
    const summary = await importGlotip(this.db, { fileName, bytes }, {
      actor,
      onProgress: (done, total) => this.report(id, progress, done, total === 0 ? 0 : done / total),
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
