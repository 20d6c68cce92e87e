import { randomUUID } from 'node:crypto';
import type { ProsecutionStepKind } from '@palermo/contracts';
import type { Db } from '../../platform/db/database.js';
import type { FieldCipher } from '../../platform/crypto/field-cipher.js';
import type { Subject } from '../../platform/access/rules.js';
import { appendAudit, type Actor } from '../../platform/audit/audit.js';
import { bulkInsert } from '../demo/bulk-insert.js';
import type { PlannedDefendant } from './prosecution-import.plan.js';
import { identityBinding, placeNamesBinding, pseudonymBinding } from './prosecution.read.js';
import { reference } from './prosecution.service.js';
import { stepData } from './prosecution.steps.js';

export interface HistoryWritten {
  readonly operations: number;
  readonly investigations: number;
  readonly suspects: number;
  readonly steps: number;
  /** Defendants found already imported (their operation's reference and their own), left as they were. */
  readonly alreadyImported: number;
}

const SEP = '\u0000';

/**
 * Writes checked defendants (checkPlannedDefendants found no problem) in the caller's transaction, with one statement
 * per table. An operation, investigation or defendant is recognised by the file's references (import_key, 0046): one
 * that exists is reused, and a defendant that exists is not written again, so the same file imported twice adds
 * nothing. Pseudonyms and identities are encrypted and bound to their row as addSuspect does, names blind-indexed.
 * Each operation touched gets an audit entry saying what was added to it (counts, never values).
 */
export async function writeHistory(
  tx: Db,
  cipher: FieldCipher,
  actor: Actor,
  importer: Subject,
  recorderFor: (kind: ProsecutionStepKind) => Subject,
  defendants: readonly PlannedDefendant[],
  source: string,
): Promise<HistoryWritten> {
  const operationKeys = [...new Set(defendants.map((d) => d.operation.key))];
  const operationIds = new Map<string, string>();
  for (let i = 0; i < operationKeys.length; i += 5000) {
    const rows = await tx.selectFrom('prosecution_operations').select(['id', 'organisation_id', 'import_key']).where('import_key', 'in', operationKeys.slice(i, i + 5000)).execute();
    for (const row of rows) operationIds.set(`${row.organisation_id}${SEP}${row.import_key}`, row.id);
  }
  const newOperations: Array<Record<string, unknown>> = [];
  for (const d of defendants) {
    const key = `${d.operation.agencyId}${SEP}${d.operation.key}`;
    if (operationIds.has(key)) continue;
    const id = randomUUID();
    operationIds.set(key, id);
    newOperations.push({
      id, reference: reference('OP'), organisation_id: d.operation.agencyId, name: d.operation.name, origin: d.operation.origin, approach: d.operation.approach,
      forms_of_exploitation: d.operation.formsOfExploitation, places: '[]', place_names: cipher.encrypt('[]', placeNamesBinding(id)),
      protocol_acts: [], protocol_means: [], protocol_purposes: [], started_on: d.operation.startedOn, created_by: importer.userId, import_key: d.operation.key,
    });
  }
  const touched = [...new Set(defendants.map((d) => operationIds.get(`${d.operation.agencyId}${SEP}${d.operation.key}`) ?? ''))];
  const investigationIds = new Map<string, string>();
  const suspectsThere = new Set<string>();
  for (let i = 0; i < touched.length; i += 5000) {
    const slice = touched.slice(i, i + 5000);
    for (const row of await tx.selectFrom('prosecution_investigations').select(['id', 'operation_id', 'import_key']).where('operation_id', 'in', slice).where('import_key', 'is not', null).execute()) {
      investigationIds.set(`${row.operation_id}${SEP}${row.import_key}`, row.id);
    }
    for (const row of await tx.selectFrom('prosecution_suspects').select(['operation_id', 'import_key']).where('operation_id', 'in', slice).where('import_key', 'is not', null).execute()) {
      suspectsThere.add(`${row.operation_id}${SEP}${row.import_key}`);
    }
  }
  const newInvestigations: Array<Record<string, unknown>> = [];
  const suspects: Array<Record<string, unknown>> = [];
  const steps: Array<Record<string, unknown>> = [];
  const perOperation = new Map<string, { suspects: number; identities: number; steps: number }>();
  let alreadyImported = 0;
  for (const d of defendants) {
    const operationId = operationIds.get(`${d.operation.agencyId}${SEP}${d.operation.key}`) ?? '';
    if (suspectsThere.has(`${operationId}${SEP}${d.key}`)) {
      alreadyImported += 1;
      continue;
    }
    suspectsThere.add(`${operationId}${SEP}${d.key}`);
    let investigationId = investigationIds.get(`${operationId}${SEP}${d.investigation.key}`);
    if (!investigationId) {
      investigationId = randomUUID();
      investigationIds.set(`${operationId}${SEP}${d.investigation.key}`, investigationId);
      newInvestigations.push({
        id: investigationId, operation_id: operationId, reference: reference('INV'), title: d.investigation.title, origin: d.operation.origin, approach: d.operation.approach,
        opened_on: d.investigation.openedOn, prosecution_office_id: d.investigation.officeId, referred_on: d.investigation.referredOn, created_by: importer.userId, import_key: d.investigation.key,
      });
    }
    const id = randomUUID();
    const identity = d.suspect.identity && Object.keys(d.suspect.identity).length > 0 ? d.suspect.identity : undefined;
    const prosecution = d.steps.find((s) => s.input.kind === 'prosecution')?.input;
    suspects.push({
      id, operation_id: operationId, investigation_id: investigationId,
      pseudonym: cipher.encrypt(d.suspect.pseudonym, pseudonymBinding(id)),
      identity: identity ? cipher.encrypt(JSON.stringify(identity), identityBinding(id)) : null,
      name_index: cipher.index.nameTokens(identity?.givenName, identity?.familyName, d.suspect.pseudonym, ...(identity?.aliases ?? [])),
      birth_date_index: cipher.index.birthDateToken(identity?.birthDate),
      roles: d.suspect.roles, sex: d.suspect.sex, citizenships: d.suspect.citizenships, age_at_offence: d.suspect.ageAtOffence ?? null,
      court_organisation_id: prosecution?.kind === 'prosecution' ? prosecution.courtOrganisationId : null, created_by: importer.userId, import_key: d.key,
    });
    for (const step of d.steps) {
      const { refId, data } = stepData(step.input);
      const recorder = recorderFor(step.input.kind);
      steps.push({ id: step.id, suspect_id: id, kind: step.input.kind, occurred_on: step.input.occurredOn, ref_step_id: refId, data: JSON.stringify(data), recorded_by: recorder.userId, organisation_id: recorder.organisationId });
    }
    const counts = perOperation.get(operationId) ?? { suspects: 0, identities: 0, steps: 0 };
    counts.suspects += 1;
    counts.identities += identity ? 1 : 0;
    counts.steps += d.steps.length;
    perOperation.set(operationId, counts);
  }
  await bulkInsert(tx, 'prosecution_operations', {
    id: 'uuid', reference: 'text', organisation_id: 'uuid', name: 'text', origin: 'text', approach: 'text', forms_of_exploitation: 'text[]', places: 'jsonb', place_names: 'bytea',
    protocol_acts: 'text[]', protocol_means: 'text[]', protocol_purposes: 'text[]', started_on: 'date', created_by: 'uuid', import_key: 'text',
  }, newOperations);
  await bulkInsert(tx, 'prosecution_investigations', {
    id: 'uuid', operation_id: 'uuid', reference: 'text', title: 'text', origin: 'text', approach: 'text', opened_on: 'date', prosecution_office_id: 'uuid', referred_on: 'date', created_by: 'uuid', import_key: 'text',
  }, newInvestigations);
  await bulkInsert(tx, 'prosecution_suspects', {
    id: 'uuid', operation_id: 'uuid', investigation_id: 'uuid', pseudonym: 'bytea', identity: 'bytea', name_index: 'text[]', birth_date_index: 'text', roles: 'text[]', sex: 'text',
    citizenships: 'text[]', age_at_offence: 'integer', court_organisation_id: 'uuid', created_by: 'uuid', import_key: 'text',
  }, suspects);
  // Steps naming another step come after it: charges before verdicts, verdicts before appeals, appeals before decisions.
  await bulkInsert(tx, 'prosecution_steps', { id: 'uuid', suspect_id: 'uuid', kind: 'text', occurred_on: 'date', ref_step_id: 'uuid', data: 'jsonb', recorded_by: 'uuid', organisation_id: 'uuid' }, steps);
  for (const [operationId, counts] of perOperation) {
    await appendAudit(tx, actor, {
      action: 'prosecution.history_import',
      recordType: 'prosecution_operation',
      recordId: operationId,
      purpose: 'prosecution',
      summary: `${source}: ${counts.suspects} suspect(s) added under pseudonyms, ${counts.identities} with an identity (encrypted), ${counts.steps} step(s)`,
    });
  }
  return { operations: newOperations.length, investigations: newInvestigations.length, suspects: suspects.length, steps: steps.length, alreadyImported };
}
