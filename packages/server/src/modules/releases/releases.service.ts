import { createHash, randomUUID } from 'node:crypto';
import { gzipSync } from 'node:zlib';
import { defaultQuasiIdentifiers, type ReleaseAttributeName, type ReleaseBudgetView, type ReleaseDatasetList, type ReleaseMade, type ReleaseRequestParsed, type ReleaseView, type UtilityReportView } from '@palermo/contracts';
import type { Db } from '../../platform/db/database.js';
import type { FieldCipher } from '../../platform/crypto/field-cipher.js';
import { appendAudit, type Actor } from '../../platform/audit/audit.js';
import { HttpError, badRequest, notFound } from '../../platform/http/errors.js';
import { refreshCountryDataset } from '../statistical-records/country-dataset.js';
import { ReleaseRandom } from './noise.js';
import { kAnonymousRelease, releaseCsv, syntheticRelease, type ReleaseOutcome } from './release-engine.js';
import { selectAttributes } from './release-attributes.js';
import * as repo from './releases.repo.js';

/**
 * The budget a dataset has until the operator sets one (`palermo release budget --set`): epsilon 10 and delta 1e-5 in
 * total, under basic composition (the epsilons of all releases of a dataset add up, and so do their deltas). Ten is
 * the upper end of what published synthetic-data releases have used for one release; spread over several releases it
 * keeps each of them meaningful. k-anonymous files spend nothing (they are not differentially private) but are
 * recorded in the same ledger.
 */
export const DEFAULT_BUDGET = { epsilon: 10, delta: 1e-5 } as const;

/** Tolerance for adding up floating-point epsilons (1 + 2 + 7 must fit a budget of 10). */
const SLACK = 1e-9;

export interface ReleaseEnvironment {
  readonly db: Db;
  /** To derive age bands when refreshing the country dataset. */
  readonly cipher?: FieldCipher;
  /** The noise source; a fresh one seeded from node:crypto per release unless a test gives one. */
  readonly random?: () => ReleaseRandom;
}

const purpose = 'statistics';

function budgetView(budget: repo.BudgetRow | undefined, used: { epsilon: number; delta: number }): ReleaseBudgetView {
  const totalEpsilon = budget?.total_epsilon ?? DEFAULT_BUDGET.epsilon;
  const totalDelta = budget?.total_delta ?? DEFAULT_BUDGET.delta;
  return {
    totalEpsilon,
    totalDelta,
    spentEpsilon: used.epsilon,
    spentDelta: used.delta,
    remainingEpsilon: Math.max(0, totalEpsilon - used.epsilon),
    remainingDelta: Math.max(0, totalDelta - used.delta),
    setByOperator: budget !== undefined && budget.set_by !== DEFAULT_SETTER,
  };
}

const DEFAULT_SETTER = 'default budget';

export async function budgetOf(db: Db, datasetId: string): Promise<ReleaseBudgetView> {
  return budgetView(await repo.findBudget(db, datasetId), await repo.spent(db, datasetId));
}

export async function listDatasets(db: Db): Promise<ReleaseDatasetList> {
  const datasets = await repo.listDatasets(db);
  return {
    datasets: await Promise.all(
      datasets.map(async (dataset) => ({ id: dataset.id, kind: dataset.kind, name: dataset.name, records: dataset.records, budget: await budgetOf(db, dataset.id) })),
    ),
  };
}

export function presentRelease(row: repo.ReleaseRow): ReleaseView {
  return {
    id: row.id,
    datasetId: row.dataset_id,
    kind: row.kind,
    parameters: row.parameters,
    epsilon: row.epsilon,
    delta: row.delta,
    recordsRead: row.records_read,
    recordsReleased: row.records_released,
    createdBy: row.created_by,
    createdAt: row.created_at.toISOString(),
    fileName: row.file_name,
    fileSha256: row.file_sha256,
    fileBytes: row.file_bytes,
    mechanism: row.mechanism,
    utility: row.utility_report as unknown as UtilityReportView,
  };
}

export async function listReleases(db: Db, datasetId?: string): Promise<ReleaseView[]> {
  return (await repo.listReleases(db, datasetId)).map(presentRelease);
}

function exceeded(dataset: repo.DatasetRow, request: { epsilon: number; delta: number }, budget: ReleaseBudgetView): HttpError | null {
  const epsilonOver = budget.spentEpsilon + request.epsilon > budget.totalEpsilon + SLACK;
  const deltaOver = budget.spentDelta + request.delta > budget.totalDelta * (1 + SLACK);
  if (!epsilonOver && !deltaOver) return null;
  return new HttpError(
    409,
    'budget_exceeded',
    `The privacy budget of dataset "${dataset.name}" (epsilon ${budget.totalEpsilon}, delta ${budget.totalDelta}) would be exceeded: ` +
      `this release needs epsilon ${request.epsilon} and delta ${request.delta}; ` +
      `epsilon ${round(budget.spentEpsilon)} and delta ${budget.spentDelta} are already spent, ` +
      `epsilon ${round(budget.remainingEpsilon)} and delta ${budget.remainingDelta} remain.`,
  );
}

const round = (value: number) => Math.round(value * 1e6) / 1e6;

async function refuse(db: Db, actor: Actor, dataset: repo.DatasetRow, error: HttpError): Promise<never> {
  await db.transaction().execute((tx) =>
    appendAudit(tx, actor, {
      action: 'release.refused',
      recordType: 'statistical_dataset',
      recordId: dataset.id,
      purpose,
      summary: 'Differentially private release refused: privacy budget exceeded',
      outcome: 'denied',
    }),
  );
  throw error;
}

function fileName(kind: string, id: string, at: Date): string {
  return `palermo-${kind === 'synthetic' ? 'synthetic' : 'k-anonymous'}-${at.toISOString().slice(0, 10)}-${id.slice(0, 8)}.csv`;
}

/**
 * Makes a release: checks the budget, reads the dataset's records (refreshing the country dataset from the case
 * records first), builds the file and its utility report, and records it in the ledger in one transaction that locks
 * the dataset's budget, checks it again and refuses without storing anything when it would be exceeded.
 */
/** What anyone who knows a survivor can know: the quasi-identifiers of the form's default, and minor or adult. */
const knowableAttributes: readonly ReleaseAttributeName[] = [...defaultQuasiIdentifiers, 'majorityStatus'];

export async function makeRelease(env: ReleaseEnvironment, actor: Actor, request: ReleaseRequestParsed): Promise<ReleaseMade & { csv: string }> {
  const { db } = env;
  const dataset = await repo.findDataset(db, request.datasetId);
  if (!dataset) throw notFound('Dataset');
  const attributes = selectAttributes(request.attributes);
  const cost = request.kind === 'synthetic' ? { epsilon: request.epsilon, delta: request.delta } : { epsilon: 0, delta: 0 };
  if (request.kind === 'k_anonymous') {
    const names = attributes.map((attribute) => attribute.name);
    const outside = request.quasiIdentifiers.find((name) => !names.includes(name));
    if (outside) throw badRequest('quasiIdentifiers', `"${outside}" is not one of the attributes released`);
  }
  // Attributes anyone who knows a survivor can know are quasi-identifiers whenever they are released, whatever the
  // request names: any other attribute is published exactly, so naming fewer would publish rows that single someone out.
  const quasiIdentifiers =
    request.kind === 'k_anonymous'
      ? [...new Set([...request.quasiIdentifiers, ...knowableAttributes.filter((name) => attributes.some((attribute) => attribute.name === name))])]
      : [];
  if (request.kind === 'synthetic') {
    const early = exceeded(dataset, cost, await budgetOf(db, dataset.id));
    if (early) await refuse(db, actor, dataset, early);
  }

  if (dataset.kind === 'country_cases') await refreshCountryDataset(db, actor, env.cipher ? { cipher: env.cipher } : {});
  const rows = await repo.readAttributeRows(db, dataset.id, attributes);
  if (rows.length === 0) throw badRequest('datasetId', 'the dataset has no records to release');
  if (request.kind === 'synthetic' && request.delta >= 1 / rows.length) {
    throw badRequest('delta', `must be below 1 / number of records (${rows.length}), so that no one person's record can be published as it is`);
  }
  const records = rows;
  let outcome: ReleaseOutcome;
  let parameters: Record<string, unknown>;
  if (request.kind === 'synthetic') {
    parameters = { epsilon: request.epsilon, delta: request.delta, reportingLength: request.reportingLength, attributes: attributes.map((a) => a.name) };
    const random = env.random ? env.random() : ReleaseRandom.secure();
    outcome = syntheticRelease(rows, attributes, { epsilon: request.epsilon, delta: request.delta, reportingLength: request.reportingLength }, random);
  } else {
    parameters = { k: request.k, quasiIdentifiers, attributes: attributes.map((a) => a.name) };
    outcome = kAnonymousRelease(rows, attributes, request.k, quasiIdentifiers);
  }
  const csv = releaseCsv(attributes, outcome.rows);
  const id = randomUUID();
  const createdAt = new Date();

  return db.transaction().execute(async (tx) => {
    await repo.ensureBudget(tx, dataset.id, DEFAULT_BUDGET, DEFAULT_SETTER);
    const before = budgetView(await repo.findBudget(tx, dataset.id, true), await repo.spent(tx, dataset.id));
    const over = exceeded(dataset, cost, before);
    if (over) throw over;
    const row = await repo.insertRelease(tx, {
      id,
      dataset_id: dataset.id,
      kind: request.kind,
      parameters: JSON.stringify(parameters),
      epsilon: cost.epsilon,
      delta: cost.delta,
      records_read: records.length,
      records_released: outcome.rows.length,
      created_by: actor.name ?? actor.userId ?? 'unknown',
      created_by_user_id: actor.userId,
      created_at: createdAt,
      file_name: fileName(request.kind, id, createdAt),
      file_sha256: createHash('sha256').update(csv).digest('hex'),
      file_bytes: Buffer.byteLength(csv),
      file_gzip: gzipSync(csv),
      regenerable: request.kind === 'k_anonymous',
      mechanism: JSON.stringify(outcome.mechanism),
      utility_report: JSON.stringify(outcome.utility),
    });
    await appendAudit(tx, actor, {
      action: 'release.create',
      recordType: 'release',
      recordId: id,
      purpose,
      summary:
        request.kind === 'synthetic'
          ? `Differentially private synthetic release of dataset ${dataset.id}: epsilon ${cost.epsilon}, delta ${cost.delta}, reporting length ${request.reportingLength}, ${records.length} records read, ${outcome.rows.length} synthesised`
          : `k-anonymous release of dataset ${dataset.id}: k ${request.k}, quasi-identifiers ${quasiIdentifiers.join(', ')}, ${records.length} records read, ${outcome.rows.length} released`,
    });
    const budget = budgetView(await repo.findBudget(tx, dataset.id), { epsilon: before.spentEpsilon + cost.epsilon, delta: before.spentDelta + cost.delta });
    return { release: presentRelease(row), budget, csv };
  });
}

/** The released file for download, audited. */
export async function downloadRelease(db: Db, actor: Actor, id: string): Promise<{ fileName: string; gzip: Buffer }> {
  const file = await repo.findReleaseFile(db, id);
  if (!file) throw notFound('Release');
  if (!file.file_gzip) throw new HttpError(410, 'gone', 'This release file is no longer stored');
  const gzip = file.file_gzip;
  await db.transaction().execute((tx) =>
    appendAudit(tx, actor, { action: 'release.download', recordType: 'release', recordId: id, purpose, summary: `Release file downloaded (SHA-256 ${file.file_sha256})` }),
  );
  return { fileName: file.file_name, gzip };
}

/** Sets a dataset's total budget (operator); refuses a total below what is already spent. */
export async function setBudget(db: Db, actor: Actor, datasetId: string, totals: { epsilon: number; delta: number }): Promise<ReleaseBudgetView> {
  if (!(totals.epsilon > 0) || !Number.isFinite(totals.epsilon)) throw badRequest('epsilon', 'must be a positive number');
  if (!(totals.delta > 0 && totals.delta < 1)) throw badRequest('delta', 'must be between 0 and 1');
  return db.transaction().execute(async (tx) => {
    const dataset = await repo.findDataset(tx, datasetId);
    if (!dataset) throw notFound('Dataset');
    await repo.ensureBudget(tx, datasetId, DEFAULT_BUDGET, DEFAULT_SETTER);
    await repo.findBudget(tx, datasetId, true);
    const used = await repo.spent(tx, datasetId);
    if (totals.epsilon + SLACK < used.epsilon || totals.delta * (1 + SLACK) < used.delta) {
      throw new HttpError(409, 'budget_exceeded', `Releases of dataset "${dataset.name}" already spent epsilon ${round(used.epsilon)} and delta ${used.delta}; the total cannot be lower`);
    }
    await repo.setBudget(tx, datasetId, totals, { name: actor.name ?? 'operator', userId: actor.userId });
    await appendAudit(tx, actor, {
      action: 'release.budget_set',
      recordType: 'statistical_dataset',
      recordId: datasetId,
      purpose: 'administration',
      summary: `Privacy budget set to epsilon ${totals.epsilon}, delta ${totals.delta}`,
    });
    return budgetView(await repo.findBudget(tx, datasetId), used);
  });
}
