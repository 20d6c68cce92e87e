/**
 * The bootstrap interval on request (bootstrap.ts): the same data as the estimate (the case records of the year and
 * the lists, or the uploaded table), resampled with the rapporteur's seed and the stepwise selection repeated at the
 * chosen threshold on each resample. Bounded so that a request stays within seconds: the more lists, the fewer
 * resamples (`maxResamplesOnPage`); the command line's `--bootstrap` has no such bound. Audited like an estimate.
 */
import { maxResamplesOnPage, type BootstrapView, type bootstrapRequest } from '@palermo/contracts';
import type { z } from 'zod';
import type { Db } from '../../platform/db/database.js';
import { allows, type Subject } from '../../platform/access/rules.js';
import { appendAudit, type Actor } from '../../platform/audit/audit.js';
import { HttpError, badRequest, forbidden } from '../../platform/http/errors.js';
import type { RecordKeys } from '../../platform/crypto/record-keys.js';
import { bootstrapInterval } from './bootstrap.js';
import { EstimationError } from './errors.js';
import { estimationRules } from './estimation.policy.js';
import { roundingFor } from './estimation.view.js';
import { obstacleInTable } from './plain-reasons.js';
import { tableForRequest } from './table-for-request.js';

/** A request that gives no interval is still audited: the error is returned, not thrown, so that the entry commits. */
export async function bootstrapOnRequest(tx: Db, subject: Subject, actor: Actor, input: z.output<typeof bootstrapRequest>, keys: RecordKeys): Promise<BootstrapView | HttpError> {
  if (!allows(estimationRules.estimate, subject)) throw forbidden();
  const { table, from } = await tableForRequest(tx, input, keys);
  const most = maxResamplesOnPage(table.lists.length);
  if (input.resamples > most) {
    throw badRequest('resamples', `at most ${most} for ${table.lists.length} lists here, so that the answer comes within seconds; the command line (palermo estimate --bootstrap) takes more`);
  }
  // The audit log is readable by the rapporteur: no exact count from the case records goes in it (an uploaded
  // table's figures are the uploader's own).
  const observed = input.source === 'upload' ? `, ${table.observed} observed` : '';
  const asked = `bootstrap of ${input.resamples} resamples (seed ${input.seed}, stepwise at p < ${input.threshold}) from ${from}, ${table.lists.length} lists${observed}`;
  try {
    const interval = bootstrapInterval(table, { resamples: input.resamples, seed: input.seed, threshold: input.threshold });
    const rounding = roundingFor(input.source);
    await appendAudit(tx, actor, {
      action: 'estimation.bootstrap',
      recordType: 'estimation',
      purpose: 'statistics',
      summary: `${asked}: ${interval.failed} resamples left out`,
    });
    return {
      kind: interval.kind,
      level: interval.level,
      threshold: interval.threshold,
      seed: interval.seed,
      resamples: interval.resamples,
      failed: interval.failed,
      // From the case records rounded like the estimate shown beside it (estimation.view.ts); an upload's as computed.
      estimate: rounding.point(interval.estimate),
      lower: rounding.lower(interval.lower),
      upper: rounding.upper(interval.upper),
    };
  } catch (error) {
    if (!(error instanceof EstimationError)) throw error;
    await appendAudit(tx, actor, {
      action: 'estimation.bootstrap',
      recordType: 'estimation',
      purpose: 'statistics',
      summary: `${asked}: not computed (${error.code})`,
      outcome: 'failed',
    });
    if (error.code === 'bad-input') return badRequest('resamples', error.message);
    const obstacle = obstacleInTable(table);
    return new HttpError(422, error.code, obstacle ? `${obstacle.text} (${error.message})` : error.message);
  }
}
