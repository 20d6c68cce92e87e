/**
 * Estimating the hidden number of victims for the rapporteur: from the case records (the overlap table built on the
 * server, see overlap-from-cases.ts) or from an uploaded overlap table. Every computation is audited with counts only.
 */
import { MAX_ESTIMATION_LISTS, SMALL_CELL_THRESHOLD } from '@palermo/contracts';
import type { EstimationOptions, EstimationResultView, PublishedEstimateView, estimateFromCasesRequest, estimateFromCsvRequest, publishEstimateRequest } from '@palermo/contracts';
import type { z } from 'zod';
import type { Db } from '../../platform/db/database.js';
import { allows, type Subject } from '../../platform/access/rules.js';
import { appendAudit, type Actor } from '../../platform/audit/audit.js';
import { HttpError, badRequest, forbidden } from '../../platform/http/errors.js';
import { EstimationError } from './errors.js';
import { estimateHiddenPopulation, type EstimationResult } from './estimate.js';
import { estimationRules } from './estimation.policy.js';
import { AVERAGE_ON_PAGE_MAX_LISTS, countText, displayCounting, displayObserved, displayedRow, presentEstimate, roundingFor, type PublishedRows } from './estimation.view.js';
import { publications, recordPublication, tableFingerprint } from './publication.js';
import { spreadOfModels } from './spread.js';
import { overlapFromCases, yearsWithCases } from './overlap-from-cases.js';
import type { RecordKeys } from '../../platform/crypto/record-keys.js';
import { parseOverlapTable, type OverlapTable } from './overlap-table.js';
import { explained, whyNotEstimable } from './plain-reasons.js';
import { tableForRequest } from './table-for-request.js';

/**
 * A request that was valid but gave no estimate (the data cannot support one) is still audited: the service returns
 * the error instead of throwing it, so that the audit entry commits; the route then answers with it.
 */
export type EstimateOutcome = EstimationResultView | HttpError;

/** `not-estimable` and `did-not-converge` are answers about the data, not faults of the request: 422 with the reason. */
function asHttpError(error: unknown, field: string): unknown {
  if (!(error instanceof EstimationError)) return error;
  if (error.code === 'bad-input') return badRequest(field, error.message);
  return new HttpError(422, error.code, error.message);
}

/** A table the estimator refuses: 422 with the reason in plain words first (plain-reasons.ts), then the estimator's. */
function estimate(table: OverlapTable, model: 'stepwise' | 'main', field: string): EstimationResult {
  try {
    return estimateHiddenPopulation(table, { model });
  } catch (error) {
    if (error instanceof EstimationError && error.code !== 'bad-input') throw new HttpError(422, error.code, explained(table, error), undefined, { reason: whyNotEstimable(table, error), lists: table.lists });
    throw asHttpError(error, field);
  }
}

function requireAllowed(subject: Subject, rule: (typeof estimationRules)[keyof typeof estimationRules] = estimationRules.estimate): void {
  if (!allows(rule, subject)) throw forbidden();
}

/** Which rows of the spread were published from these same data. */
async function publishedFrom(tx: Db, table: OverlapTable, keys: RecordKeys): Promise<PublishedRows> {
  const earlier = await publications(tx, { fingerprint: tableFingerprint(table, keys) });
  return earlier.map((p) => ({ model: p.model, publishedAt: p.publishedAt, publishedBy: p.publishedBy }));
}

export async function estimationChoices(db: Db, subject: Subject): Promise<EstimationOptions> {
  requireAllowed(subject);
  // The national coordinator's and rapporteur's own organisations hold no cases: they are not offered as list members.
  const organisations = await db
    .selectFrom('organisations')
    .select(['id', 'name', 'type'])
    .where('active', '=', true)
    .where('type', 'not in', ['national_coordinator', 'national_rapporteur'])
    .orderBy('name')
    .execute();
  return {
    years: await yearsWithCases(db),
    organisations: organisations.map((o) => ({ id: o.id, name: o.name, type: o.type as EstimationOptions['organisations'][number]['type'] })),
    smallCellThreshold: SMALL_CELL_THRESHOLD,
    maxLists: MAX_ESTIMATION_LISTS,
  };
}

export async function estimateFromCases(tx: Db, subject: Subject, actor: Actor, input: z.output<typeof estimateFromCasesRequest>, keys: RecordKeys): Promise<EstimateOutcome> {
  requireAllowed(subject);
  const { table, counting, keySums } = await overlapFromCases(tx, input.year, input.lists, keys);
  const organisationNames = new Map((await tx.selectFrom('organisations').select(['id', 'name']).execute()).map((o) => [o.id, o.name]));
  // The audit log is readable by the rapporteur: its summaries carry the counts as displayed (perturbed).
  const observed = countText(displayObserved(table, keySums));
  let result: EstimationResult;
  try {
    result = estimate(table, input.model, 'lists');
  } catch (error) {
    if (!(error instanceof HttpError)) throw error;
    await appendAudit(tx, actor, {
      action: 'estimation.from_cases',
      recordType: 'estimation',
      purpose: 'statistics',
      summary: `year ${input.year}, ${input.lists.length} lists, ${observed} observed on the lists: not estimated (${error.code})`,
      outcome: 'failed',
    });
    return error;
  }
  const shown = displayCounting(counting, keySums);
  await appendAudit(tx, actor, {
    action: 'estimation.from_cases',
    recordType: 'estimation',
    purpose: 'statistics',
    summary: `year ${input.year}, ${input.lists.length} lists, ${counting.personRecords} person records linked into ${counting.people} people, ${countText(shown.excludedNoConsent)} left out for consent, ${observed} observed on the lists; model ${result.model.kind} with ${result.model.terms.length} interactions`,
  });
  return presentEstimate({
    source: 'cases',
    year: input.year,
    lists: input.lists.map((list) => ({ name: list.name, organisations: list.organisationIds.map((id) => organisationNames.get(id) ?? id) })),
    table,
    result,
    counting,
    keySums,
    published: await publishedFrom(tx, table, keys),
  });
}

export async function estimateFromUpload(tx: Db, subject: Subject, actor: Actor, input: z.output<typeof estimateFromCsvRequest>, keys: RecordKeys): Promise<EstimateOutcome> {
  requireAllowed(subject);
  let table: OverlapTable;
  try {
    table = parseOverlapTable(input.csv);
  } catch (error) {
    throw asHttpError(error, 'csv');
  }
  let result: EstimationResult;
  try {
    result = estimate(table, input.model, 'csv');
  } catch (error) {
    if (!(error instanceof HttpError)) throw error;
    await appendAudit(tx, actor, {
      action: 'estimation.from_upload',
      recordType: 'estimation',
      purpose: 'statistics',
      summary: `uploaded overlap table: ${table.lists.length} lists, ${table.observed} observed: not estimated (${error.code})`,
      outcome: 'failed',
    });
    return error;
  }
  await appendAudit(tx, actor, {
    action: 'estimation.from_upload',
    recordType: 'estimation',
    purpose: 'statistics',
    summary: `uploaded overlap table: ${table.lists.length} lists, ${table.observed} observed; model ${result.model.kind} with ${result.model.terms.length} interactions`,
  });
  return presentEstimate({
    source: 'upload',
    year: null,
    lists: table.lists.map((name) => ({ name, organisations: [] })),
    table,
    result,
    counting: null,
    keySums: null,
    published: await publishedFrom(tx, table, keys),
  });
}

/**
 * Publishes one row of the spread: the table is built again from the request (the case records of the year, or the
 * file), the row estimated again, and what was found recorded with the data's fingerprint. A row that cannot be
 * estimated cannot be published (422 with the reason).
 */
export async function publishEstimate(
  tx: Db,
  subject: Subject,
  actor: Actor,
  publisher: { userId: string; organisationId: string },
  input: z.output<typeof publishEstimateRequest>,
  keys: RecordKeys,
): Promise<PublishedEstimateView> {
  requireAllowed(subject, estimationRules.publish);
  const { table, from } = await tableForRequest(tx, input, keys);
  const row = spreadOfModels(table, { averageMaxLists: AVERAGE_ON_PAGE_MAX_LISTS }).rows.find((r) => r.model === input.model);
  if (!row) throw badRequest('model', 'is not a row of the spread');
  if (!row.estimable) throw new HttpError(422, 'not-estimable', `the ${input.model} model cannot be estimated from these data: ${row.reason}`);
  // From the case records the figures recorded are those displayed (rounded), never the exact ones; the fingerprint
  // is of the exact table, so that a later estimate from the same data finds the publication.
  const fingerprint = tableFingerprint(table, keys);
  const shown = displayedRow(row, roundingFor(input.source));
  const published = await recordPublication(tx, { source: input.source, year: input.source === 'cases' ? input.year : null, table, row: shown, fingerprint, ...publisher });
  await appendAudit(tx, actor, {
    action: 'estimation.publish',
    recordType: 'estimation',
    recordId: published.id,
    purpose: 'statistics',
    summary: `published the ${input.model} estimate from ${from} (${table.lists.length} lists): total ${Math.round(shown.total)}, interval ${Math.round(shown.lower)} to ${Math.round(shown.upper)}; data ${published.fingerprint}`,
  });
  return published;
}

export async function listPublications(db: Db, subject: Subject): Promise<PublishedEstimateView[]> {
  requireAllowed(subject);
  return publications(db);
}
