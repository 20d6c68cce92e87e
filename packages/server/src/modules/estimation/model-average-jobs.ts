/**
 * The model average of the spread for seven and eight lists, in the background on the job engine
 * (docs/decisions/0008). For so many lists the Markov chain search over decomposable graphs takes seconds of the
 * server's time, too long for the request that estimates; the page shows the average's row as being computed and asks
 * for it until the job has finished.
 *
 * The job holds the overlap table (counts and the lists' names only, no person) and its owner; its output is the
 * average's row, from the case records rounded like every estimate shown from them (estimation.view.ts). Only the user who started the job reads it, under the same access rule as the estimate, and a job
 * whose result has been read is deleted with its data and output. A result nobody comes back for goes with pg-boss's
 * maintenance of finished jobs (the pgboss schema is not backed up).
 */
import type { ModelAverageJobView, modelAverageRequest } from '@palermo/contracts';
import type { z } from 'zod';
import type { Db } from '../../platform/db/database.js';
import { allows, type Subject } from '../../platform/access/rules.js';
import { appendAudit, type Actor } from '../../platform/audit/audit.js';
import { badRequest, forbidden } from '../../platform/http/errors.js';
import type { RecordKeys } from '../../platform/crypto/record-keys.js';
import type { JobEngine } from '../../platform/jobs/job-engine.js';
import { EstimationError } from './errors.js';
import { estimationRules } from './estimation.policy.js';
import { AVERAGE_ON_PAGE_MAX_LISTS, SPREAD_ON_PAGE_MAX_LISTS, roundingFor } from './estimation.view.js';
import { averageOverGraphsInTurns } from './model-averaging.js';
import type { OverlapTable } from './overlap-table.js';
import { tableForRequest } from './table-for-request.js';

export const MODEL_AVERAGE_QUEUE = 'estimation-model-average';

interface AverageJobData {
  readonly ownerUserId: string;
  readonly lists: readonly string[];
  readonly counts: readonly number[];
  /** Where the table came from: the row from the case records is rounded (a job without it is treated so too). */
  readonly source?: 'cases' | 'upload';
}

type AverageOutput = Pick<ModelAverageJobView, 'row' | 'problem'>;

async function averageOf(data: AverageJobData): Promise<AverageOutput> {
  const counts = Float64Array.from(data.counts);
  const table: OverlapTable = { lists: data.lists, counts, observed: counts.reduce((sum, count) => sum + count, 0) };
  try {
    const average = await averageOverGraphsInTurns(table);
    const rounding = roundingFor(data.source ?? 'cases');
    return {
      row: { total: rounding.point(average.total), lower: rounding.lower(average.lower), upper: rounding.upper(average.upper), interval: 'credible', search: average.search, graphs: average.graphs },
      problem: null,
    };
  } catch (error) {
    if (!(error instanceof EstimationError)) throw error;
    return { row: null, problem: error.message };
  }
}

/** Declares the queue; its jobs run in whichever server process takes them. */
export function defineModelAverageJobs(jobs: JobEngine): void {
  // The average is a pure function of the job's data: a second try after a crash computes the same row.
  jobs.define<AverageJobData>(MODEL_AVERAGE_QUEUE, (data) => averageOf(data), { retryLimit: 1, expireInSeconds: 10 * 60 });
}

/** Starts the average from the same data as the estimate; audited with counts only. */
export async function startModelAverage(tx: Db, jobs: JobEngine, subject: Subject, actor: Actor, ownerUserId: string, input: z.output<typeof modelAverageRequest>, keys: RecordKeys): Promise<string> {
  if (!allows(estimationRules.estimate, subject)) throw forbidden();
  const { table, from, observed } = await tableForRequest(tx, input, keys);
  const lists = table.lists.length;
  if (lists <= AVERAGE_ON_PAGE_MAX_LISTS || lists > SPREAD_ON_PAGE_MAX_LISTS) {
    throw badRequest('lists', `the model average is computed in the background for ${AVERAGE_ON_PAGE_MAX_LISTS + 1} to ${SPREAD_ON_PAGE_MAX_LISTS} lists (found ${lists}); up to ${AVERAGE_ON_PAGE_MAX_LISTS} it comes with the estimate`);
  }
  const data: AverageJobData = { ownerUserId, lists: [...table.lists], counts: Array.from(table.counts), source: input.source };
  await appendAudit(tx, actor, {
    action: 'estimation.model_average',
    recordType: 'estimation',
    purpose: 'statistics',
    summary: `model average over decomposable graphs started in the background from ${from}, ${lists} lists, ${observed} observed`,
  });
  // Stored with the audit entry: the job exists if and only if the request's transaction commits.
  const id = await jobs.send(MODEL_AVERAGE_QUEUE, data, { tx });
  if (!id) throw new Error('The job queue did not take the model average');
  return id;
}

/**
 * The job as its owner sees it: running, or the row (or the problem) once finished, after which the job is deleted.
 * Undefined for an unknown id and for anyone but its owner.
 */
export async function modelAverageResult(jobs: JobEngine, subject: Subject, userId: string, id: string): Promise<ModelAverageJobView | undefined> {
  if (!allows(estimationRules.estimate, subject)) throw forbidden();
  const job = await jobs.job<AverageJobData>(MODEL_AVERAGE_QUEUE, id);
  if (!job || job.data.ownerUserId !== userId) return undefined;
  if (job.state === 'completed') {
    const output = job.output as AverageOutput;
    await jobs.remove(MODEL_AVERAGE_QUEUE, id);
    return { status: output.row ? 'done' : 'failed', row: output.row, problem: output.problem };
  }
  if (job.state === 'failed' || job.state === 'cancelled') {
    await jobs.remove(MODEL_AVERAGE_QUEUE, id);
    return { status: 'failed', row: null, problem: 'the model average could not be computed' };
  }
  return { status: 'running', row: null, problem: null };
}
