import { randomInt, randomUUID } from 'node:crypto';
import { sql } from 'kysely';
import type { z } from 'zod';
import { operationAgencyTypes, type CreatedRef, type createInvestigationRequest, type createOperationRequest, type createSuspectRequest, type recordStepRequest, type referInvestigationRequest } from '@palermo/contracts';
import type { Db } from '../../platform/db/database.js';
import type { FieldCipher } from '../../platform/crypto/field-cipher.js';
import { allows, type Subject } from '../../platform/access/rules.js';
import { appendAudit, type Actor } from '../../platform/audit/audit.js';
import { HttpError, badRequest, forbidden, notFound } from '../../platform/http/errors.js';
import { prosecutionRules, stepRules } from './prosecution.policy.js';
import { identityBinding, placeNamesBinding, pseudonymBinding } from './prosecution.read.js';
import * as repo from './prosecution.repo.js';
import { checkStep, stepData } from './prosecution.steps.js';

const ALPHABET = 'ABCDEFGHJKLMNPQRSTUVWXYZ23456789';
export const reference = (prefix: string) => `${prefix}-${Array.from({ length: 8 }, () => ALPHABET[randomInt(ALPHABET.length)]).join('')}`;

async function requireOrganisationOfType(tx: Db, id: string, types: readonly string[], field: string, what: string): Promise<void> {
  const type = await repo.organisationTypeOf(tx, id);
  if (!type) throw badRequest(field, `no active organisation ${id}`);
  if (!types.includes(type)) throw badRequest(field, `must be ${what}`);
}

/** Records an operation for the user's own (law-enforcement) organisation, with the agencies that took part. */
export async function createOperation(tx: Db, cipher: FieldCipher, subject: Subject, actor: Actor, input: z.output<typeof createOperationRequest>): Promise<CreatedRef> {
  if (!allows(prosecutionRules.recordOperation, subject)) throw forbidden('Only an investigator of a law-enforcement organisation records an operation');
  for (const [i, id] of input.agencyOrganisationIds.entries()) {
    await requireOrganisationOfType(tx, id, operationAgencyTypes, `agencyOrganisationIds.${i}`, 'a law-enforcement, border, labour-inspection or immigration agency (assistance organisations, courts and prosecution offices take no part in an operation)');
  }
  const id = randomUUID();
  const ref = reference('OP');
  await tx
    .insertInto('prosecution_operations')
    .values({
      id, reference: ref, organisation_id: subject.organisationId, name: input.name, origin: input.origin, approach: input.approach,
      forms_of_exploitation: [...input.formsOfExploitation],
      places: JSON.stringify(input.places.map((p) => ({ stage: p.stage, country: p.country }))),
      place_names: cipher.encrypt(JSON.stringify(input.places.map((p) => p.place ?? null)), placeNamesBinding(id)),
      protocol_acts: [...input.protocol.acts], protocol_means: [...input.protocol.means], protocol_purposes: [...input.protocol.purposes],
      started_on: input.startedOn, created_by: subject.userId,
    })
    .execute();
  const agencies = input.agencyOrganisationIds.filter((a) => a !== subject.organisationId);
  if (agencies.length > 0) await tx.insertInto('prosecution_operation_agencies').values(agencies.map((organisation_id) => ({ operation_id: id, organisation_id }))).execute();
  await appendAudit(tx, actor, {
    action: 'prosecution.operation_create',
    recordType: 'prosecution_operation',
    recordId: id,
    purpose: 'prosecution',
    summary: `operation ${ref}: ${input.places.length} place(s), ${agencies.length} other agencies; place names encrypted`,
  });
  return { id, reference: ref };
}

/**
 * The operation, if this user may manage it (its recording agency); otherwise the refusal, audited, returned rather
 * than thrown so that its audit entry commits (the route throws it after the transaction).
 */
async function operationToManage(tx: Db, subject: Subject, actor: Actor, operationId: string, action: string): Promise<repo.OperationRow | HttpError> {
  const [row] = await repo.findOperations(tx, subject, prosecutionRules.manageOperation, operationId);
  if (row) return row;
  if (await repo.operationExists(tx, operationId)) {
    await appendAudit(tx, actor, { action, recordType: 'prosecution_operation', recordId: operationId, purpose: 'prosecution', summary: 'refused by access rules', outcome: 'denied' });
  }
  return notFound('Operation');
}

export async function addInvestigation(tx: Db, subject: Subject, actor: Actor, operationId: string, input: z.output<typeof createInvestigationRequest>): Promise<CreatedRef | HttpError> {
  const operation = await operationToManage(tx, subject, actor, operationId, 'prosecution.investigation_create');
  if (operation instanceof HttpError) return operation;
  const id = randomUUID();
  const ref = reference('INV');
  await tx
    .insertInto('prosecution_investigations')
    .values({ id, operation_id: operation.id, reference: ref, title: input.title, origin: input.origin, approach: input.approach, opened_on: input.openedOn, created_by: subject.userId })
    .execute();
  await appendAudit(tx, actor, { action: 'prosecution.investigation_create', recordType: 'prosecution_investigation', recordId: id, purpose: 'prosecution', summary: `investigation ${ref} in operation ${operation.reference}` });
  return { id, reference: ref };
}

/** Refers an investigation to a prosecution office (its prosecutors then see it); a later referral replaces it. */
export async function referInvestigation(tx: Db, subject: Subject, actor: Actor, investigationId: string, input: z.output<typeof referInvestigationRequest>): Promise<CreatedRef | HttpError> {
  const investigation = await tx.selectFrom('prosecution_investigations').select(['id', 'operation_id', 'reference', 'opened_on']).select(sql<string>`opened_on::text`.as('opened')).where('id', '=', investigationId).executeTakeFirst();
  if (!investigation) return notFound('Investigation');
  const operation = await operationToManage(tx, subject, actor, investigation.operation_id, 'prosecution.investigation_refer');
  if (operation instanceof HttpError) return operation;
  await requireOrganisationOfType(tx, input.prosecutionOfficeId, ['prosecutor'], 'prosecutionOfficeId', 'a prosecution office');
  if (input.referredOn < investigation.opened) throw badRequest('referredOn', `referral to prosecution: the date ${input.referredOn} is before the investigation was opened (${investigation.opened})`);
  await tx.updateTable('prosecution_investigations').set({ prosecution_office_id: input.prosecutionOfficeId, referred_on: input.referredOn }).where('id', '=', investigationId).execute();
  await appendAudit(tx, actor, { action: 'prosecution.investigation_refer', recordType: 'prosecution_investigation', recordId: investigationId, purpose: 'prosecution', summary: `investigation ${investigation.reference} referred to prosecution office ${input.prosecutionOfficeId}` });
  return { id: investigationId, reference: investigation.reference };
}

/** Adds a suspect under a pseudonym; the pseudonym and identity encrypted and bound to the row, the names blind-indexed. */
export async function addSuspect(tx: Db, cipher: FieldCipher, subject: Subject, actor: Actor, operationId: string, input: z.output<typeof createSuspectRequest>): Promise<CreatedRef | HttpError> {
  const operation = await operationToManage(tx, subject, actor, operationId, 'prosecution.suspect_create');
  if (operation instanceof HttpError) return operation;
  const investigation = await tx.selectFrom('prosecution_investigations').select('id').where('id', '=', input.investigationId).where('operation_id', '=', operation.id).executeTakeFirst();
  if (!investigation) throw badRequest('investigationId', 'is not an investigation of this operation');
  const id = randomUUID();
  const identity = input.identity && Object.keys(input.identity).length > 0 ? input.identity : undefined;
  await tx
    .insertInto('prosecution_suspects')
    .values({
      id, operation_id: operation.id, investigation_id: investigation.id,
      pseudonym: cipher.encrypt(input.pseudonym, pseudonymBinding(id)),
      identity: identity ? cipher.encrypt(JSON.stringify(identity), identityBinding(id)) : null,
      name_index: cipher.index.nameTokens(identity?.givenName, identity?.familyName, input.pseudonym, ...(identity?.aliases ?? [])),
      birth_date_index: cipher.index.birthDateToken(identity?.birthDate),
      roles: [...input.roles], sex: input.sex, citizenships: [...input.citizenships], age_at_offence: input.ageAtOffence ?? null, created_by: subject.userId,
    })
    .execute();
  await appendAudit(tx, actor, {
    action: 'prosecution.suspect_create',
    recordType: 'prosecution_suspect',
    recordId: id,
    purpose: 'prosecution',
    summary: `suspect in operation ${operation.reference}; identity ${identity ? `written (${Object.keys(identity).sort().join(', ')}), encrypted` : 'not recorded'}`,
  });
  return { id };
}

/**
 * Records one step of a suspect's funnel. The suspect's row is locked so that two steps recorded at once are checked
 * one after the other; a step that cannot follow the recorded ones is refused naming the step (checkStep), and nothing
 * is written. A prosecution names the court the suspect is brought before: its clerks then record the outcomes.
 */
export async function recordStep(tx: Db, subject: Subject, actor: Actor, suspectId: string, input: z.output<typeof recordStepRequest>): Promise<CreatedRef | HttpError> {
  const [suspect] = await repo.findSuspects(tx, subject, prosecutionRules.read, { id: suspectId }, true);
  const facts = suspect && repo.factsOf(suspect.organisation_id, [suspect.prosecution_office_id], [suspect.court_organisation_id]);
  if (!suspect || !facts || !allows(stepRules[input.kind], subject, facts)) {
    if (await repo.suspectExists(tx, suspectId)) {
      await appendAudit(tx, actor, { action: 'prosecution.step_record', recordType: 'prosecution_suspect', recordId: suspectId, purpose: 'prosecution', summary: `${input.kind}: refused by access rules`, outcome: 'denied' });
    }
    if (suspect) return forbidden(`You may not record this step (${input.kind.replace(/_/g, ' ')}) for this suspect`);
    return notFound('Suspect');
  }
  const recorded = (await repo.stepsOf(tx, [suspectId])).map((s) => ({ id: s.id, kind: s.kind, occurredOn: s.occurred_on, refId: s.ref_step_id, data: s.data }));
  checkStep(recorded, input);
  if (input.kind === 'prosecution') await requireOrganisationOfType(tx, input.courtOrganisationId, ['court'], 'courtOrganisationId', 'a court');
  const id = randomUUID();
  const { refId, data } = stepData(input);
  await tx
    .insertInto('prosecution_steps')
    .values({ id, suspect_id: suspectId, kind: input.kind, occurred_on: input.occurredOn, ref_step_id: refId, data: JSON.stringify(data), recorded_by: subject.userId, organisation_id: subject.organisationId })
    .execute();
  if (input.kind === 'prosecution') await tx.updateTable('prosecution_suspects').set({ court_organisation_id: input.courtOrganisationId }).where('id', '=', suspectId).execute();
  await appendAudit(tx, actor, { action: 'prosecution.step_record', recordType: 'prosecution_suspect', recordId: suspectId, purpose: 'prosecution', summary: `${input.kind} on ${input.occurredOn}` });
  return { id };
}

/** The organisations a form offers, by type (no personal data). */
export async function organisationsOfTypes(tx: Db, types: readonly string[]): Promise<Array<{ id: string; name: string; type: string }>> {
  if (types.length === 0) return [];
  return tx.selectFrom('organisations').select(['id', 'name', 'type']).where('type', 'in', [...types]).where('active', '=', true).orderBy('name').execute();
}
