import { randomUUID } from 'node:crypto';
import { indicatorChecklistDocument, type IndicatorChecklistView } from '@palermo/contracts';
import type { z } from 'zod';
import type { Db } from '../../platform/db/database.js';
import { appendAudit, type Actor } from '../../platform/audit/audit.js';
import { HttpError } from '../../platform/http/errors.js';
import type { IndicatorChecklistRow } from './screening.tables.js';
import * as repo from './screening.repo.js';

export { assessScreening, type ScreeningOptions } from './screening.scoring.js';

/** Zod problems as the API reports them: the dotted path of each bad field, and what is wrong with it. */
export function issuesOf(error: z.ZodError): Array<{ field: string; problem: string }> {
  return error.issues.map((issue) => ({ field: issue.path.map(String).join('.') || '(body)', problem: issue.message }));
}

function validationError(issues: Array<{ field: string; problem: string }>): HttpError {
  return new HttpError(400, 'validation', issues.map((i) => `${i.field}: ${i.problem}`).join('; '), issues);
}

/** Allowlist presenter. A stored document is validated again, so a bad row fails loudly instead of mis-scoring. */
export function presentChecklist(row: IndicatorChecklistRow): IndicatorChecklistView {
  const document = indicatorChecklistDocument.safeParse(row.document);
  if (!document.success) {
    const problems = issuesOf(document.error).map((i) => `${i.field}: ${i.problem}`).join('; ');
    throw new Error(`Stored indicator checklist ${row.code} version ${row.version} is invalid: ${problems}`);
  }
  return {
    id: row.id,
    code: row.code,
    version: row.version,
    active: row.active,
    createdAt: row.created_at.toISOString(),
    document: document.data,
  };
}

/** The version of each checklist offered for new screenings. */
export async function listActiveChecklists(db: Db): Promise<IndicatorChecklistView[]> {
  return (await repo.listActiveChecklists(db)).map(presentChecklist);
}

/** Any published version, active or not (a screening names the version it used); undefined when there is none. */
export async function getChecklist(db: Db, code: string, version: number): Promise<IndicatorChecklistView | undefined> {
  const row = await repo.findChecklist(db, code, version);
  return row ? presentChecklist(row) : undefined;
}

/**
 * Publishes a new version of a checklist (a new code, or a version above the latest of an existing code) and makes it
 * the active one, deactivating the previous active version, all in the caller's transaction with its audit entry. The
 * route allows national coordinators only (screeningRules.publishChecklist). A bad document stores nothing: 400 with
 * the path of every bad field; a version that is not above the latest: 409.
 */
export async function publishChecklist(tx: Db, actor: Actor, input: unknown): Promise<IndicatorChecklistView> {
  const parsed = indicatorChecklistDocument.safeParse(input);
  if (!parsed.success) throw validationError(issuesOf(parsed.error));
  const document = parsed.data;
  await repo.lockChecklistCode(tx, document.code);
  const latest = await repo.latestVersion(tx, document.code);
  if (latest !== undefined && document.version <= latest) {
    const problem =
      document.version === latest
        ? `version ${latest} of ${document.code} is already published; publish version ${latest + 1}`
        : `must be above the latest version of ${document.code}, ${latest}`;
    throw new HttpError(409, 'conflict', `version: ${problem}`, [{ field: 'version', problem }]);
  }
  const replaced = await repo.deactivate(tx, document.code);
  const row = await repo.insertActive(tx, {
    id: randomUUID(),
    code: document.code,
    version: document.version,
    document: JSON.stringify(document),
    createdBy: actor.userId,
  });
  await appendAudit(tx, actor, {
    action: 'indicator_checklist.publish',
    recordType: 'indicator_checklist',
    recordId: row.id,
    purpose: 'administration',
    summary:
      `checklist ${document.code} version ${document.version} published with ${document.items.length} items; ` +
      (replaced === undefined ? 'no version was active before' : `version ${replaced} deactivated`),
  });
  return presentChecklist(row);
}
