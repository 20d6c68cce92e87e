/**
 * Estimating by stratum for the rapporteur and the coordinator (the same rule as every estimate): from the case
 * records of a year split by sex, age or form of exploitation, or from an uploaded file with a stratum column. Audited
 * with counts as displayed only: the audit log is readable by the rapporteur too.
 */
import type { StratifiedEstimateView, estimateStrataFromCasesRequest, estimateStrataFromCsvRequest } from '@palermo/contracts';
import type { z } from 'zod';
import type { Db } from '../../platform/db/database.js';
import { allows, type Subject } from '../../platform/access/rules.js';
import { appendAudit, type Actor } from '../../platform/audit/audit.js';
import { badRequest, forbidden } from '../../platform/http/errors.js';
import type { RecordKeys } from '../../platform/crypto/record-keys.js';
import { EstimationError } from './errors.js';
import { estimationRules } from './estimation.policy.js';
import { estimateByStratum, type StratifiedEstimate } from './strata.js';
import { strataFromCases } from './strata-from-cases.js';
import { parseStratifiedTable, type StratifiedTables } from './strata-file.js';
import { presentStrata } from './strata.view.js';

function requireAllowed(subject: Subject): void {
  if (!allows(estimationRules.estimate, subject)) throw forbidden();
}

/** How many strata were estimated, for the audit summary. */
function estimatedText(estimate: StratifiedEstimate): string {
  const estimated = estimate.strata.filter((s) => s.outcome.estimable).length;
  return `${estimate.strata.length} strata, ${estimated} estimated; pooled ${estimate.pooled.estimable ? 'estimated' : `not estimated (${estimate.pooled.problem})`}`;
}

export async function estimateStrataFromCases(tx: Db, subject: Subject, actor: Actor, input: z.output<typeof estimateStrataFromCasesRequest>, keys: RecordKeys): Promise<StratifiedEstimateView> {
  requireAllowed(subject);
  return stratifiedFromCases(tx, actor, input, keys);
}

/** The estimate by stratum from the case records, audited under the actor; the caller has checked who may ask. */
export async function stratifiedFromCases(tx: Db, actor: Actor, input: z.output<typeof estimateStrataFromCasesRequest>, keys: RecordKeys): Promise<StratifiedEstimateView> {
  const { pooled, strata } = await strataFromCases(tx, input.year, input.lists, input.by, keys);
  const estimate = estimateByStratum(pooled.table, strata, { model: input.model });
  const view = presentStrata({
    source: 'cases',
    year: input.year,
    by: input.by,
    model: input.model,
    pooledTable: pooled.table,
    estimate,
    keys: { pooled: pooled.keySums?.cells ?? [], strata: strata.map((s) => s.cellKeys) },
  });
  await appendAudit(tx, actor, {
    action: 'estimation.from_cases',
    recordType: 'estimation',
    purpose: 'statistics',
    summary: `year ${input.year}, ${input.lists.length} lists, estimated by ${input.by}: ${estimatedText(estimate)}; ${view.pooled.observed.value ?? 0} observed as displayed`,
  });
  return view;
}

export async function estimateStrataFromUpload(tx: Db, subject: Subject, actor: Actor, input: z.output<typeof estimateStrataFromCsvRequest>): Promise<StratifiedEstimateView> {
  requireAllowed(subject);
  let tables: StratifiedTables;
  try {
    tables = parseStratifiedTable(input.csv, input.by);
  } catch (error) {
    if (error instanceof EstimationError) throw badRequest('csv', error.message);
    throw error;
  }
  const estimate = estimateByStratum(tables.pooled, tables.strata, { model: input.model });
  await appendAudit(tx, actor, {
    action: 'estimation.from_upload',
    recordType: 'estimation',
    purpose: 'statistics',
    summary: `uploaded overlap table by ${input.by}: ${tables.pooled.lists.length} lists, ${tables.pooled.observed} observed; ${estimatedText(estimate)}`,
  });
  return presentStrata({ source: 'upload', year: null, by: input.by, model: input.model, pooledTable: tables.pooled, estimate, keys: null });
}
