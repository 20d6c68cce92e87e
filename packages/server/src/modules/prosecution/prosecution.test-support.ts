import { createInvestigationRequest, createOperationRequest, createSuspectRequest, recordStepRequest, referInvestigationRequest, type RecordStepRequest, type Role } from '@palermo/contracts';
import { sql } from 'kysely';
import type { Database } from '../../platform/db/database.js';
import type { FieldCipher } from '../../platform/crypto/field-cipher.js';
import type { Subject } from '../../platform/access/rules.js';
import { HttpError } from '../../platform/http/errors.js';
import { addInvestigation, addSuspect, createOperation, recordStep, referInvestigation } from './prosecution.service.js';

async function firstHolder(database: Database, role: Role): Promise<Subject> {
  const user = await database.db
    .selectFrom('users')
    .innerJoin('organisations', 'organisations.id', 'users.organisation_id')
    .select(['users.id', 'users.organisation_id', 'users.roles', 'organisations.type', 'organisations.jurisdictions'])
    .where(sql<boolean>`${role} = any(users.roles)`)
    .orderBy('users.id')
    .executeTakeFirstOrThrow();
  return { userId: user.id, organisationId: user.organisation_id, organisationType: user.type as Subject['organisationType'], jurisdictions: user.jurisdictions, roles: user.roles as Role[] };
}

const actorOf = (subject: Subject) => ({ userId: subject.userId, name: 'pipeline', organisationId: subject.organisationId });
const done = async <T>(result: Promise<T | HttpError>): Promise<T> => {
  const value = await result;
  if (value instanceof HttpError) throw value;
  return value;
};

/**
 * One operation through the whole pipeline, with the demo's investigator, prosecutor and court: an investigation
 * referred, a suspect with an identity, and every kind of step (so that every prosecution table holds rows).
 */
export async function populateProsecution(database: Database, cipher: FieldCipher): Promise<void> {
  const police = await firstHolder(database, 'investigator');
  const prosecutor = await firstHolder(database, 'prosecutor');
  const court = await database.db.selectFrom('organisations').select('id').where('type', '=', 'court').orderBy('id').executeTakeFirstOrThrow();
  const inspectorate = await database.db.selectFrom('organisations').select('id').where('type', '=', 'labour_inspectorate').orderBy('id').executeTakeFirstOrThrow();
  await database.db.transaction().execute(async (tx) => {
    const operation = await createOperation(tx, cipher, police, actorOf(police), createOperationRequest.parse({
      name: 'Harvest', origin: 'labour_inspection', approach: 'reactive', formsOfExploitation: ['ForcedLabour'],
      places: [{ stage: 'recruitment', country: 'MD', place: 'Chisinau bus station' }, { stage: 'exploitation', country: 'IT', place: 'A farm' }],
      agencyOrganisationIds: [inspectorate.id], protocol: { acts: ['recruitment', 'harbouring'], means: ['deception'], purposes: ['forced_labour'] }, startedOn: '2024-04-01',
    }));
    const investigation = await done(addInvestigation(tx, police, actorOf(police), operation.id, createInvestigationRequest.parse({ title: 'Farm', origin: 'labour_inspection', approach: 'reactive', openedOn: '2024-04-02' })));
    await done(referInvestigation(tx, police, actorOf(police), investigation.id, referInvestigationRequest.parse({ prosecutionOfficeId: prosecutor.organisationId, referredOn: '2024-05-01' })));
    const suspect = await done(addSuspect(tx, cipher, police, actorOf(police), operation.id, createSuspectRequest.parse({
      investigationId: investigation.id, pseudonym: 'Foreman', identity: { givenName: 'Ivan', familyName: 'Doe', birthDate: '1980-01-01' }, roles: ['recruiter', 'exploiter'], sex: 'male', citizenships: ['MD'], ageAtOffence: 44,
    })));
    const step = (by: Subject, input: RecordStepRequest) => done(recordStep(tx, by, actorOf(by), suspect.id, recordStepRequest.parse(input)));
    await step(police, { kind: 'arrest', occurredOn: '2024-04-10' });
    await step(police, { kind: 'assets_seized', occurredOn: '2024-04-10', amount: 12000, currency: 'EUR' });
    const charge = await step(prosecutor, { kind: 'charge', occurredOn: '2024-05-10', provision: 'Criminal Code art. 165', category: 'trafficking' });
    await step(prosecutor, { kind: 'prosecution', occurredOn: '2024-06-01', courtOrganisationId: court.id });
    await step(prosecutor, { kind: 'plea', occurredOn: '2024-07-01', plea: 'not_guilty' });
    await step(prosecutor, { kind: 'trial', occurredOn: '2024-09-01' });
    const verdict = await step(prosecutor, { kind: 'verdict', occurredOn: '2024-11-01', chargeId: charge.id, outcome: 'convicted', convictedProvision: 'Criminal Code art. 362', convictedCategory: 'smuggling' });
    await step(prosecutor, { kind: 'sentence', occurredOn: '2024-11-01', custodialMonths: 30, suspended: false });
    const appeal = await step(prosecutor, { kind: 'appeal', occurredOn: '2024-11-20', verdictId: verdict.id, appellant: 'prosecution' });
    await step(prosecutor, { kind: 'appeal_decision', occurredOn: '2025-03-01', appealId: appeal.id, outcome: 'upheld' });
    await step(prosecutor, { kind: 'assets_confiscated', occurredOn: '2025-03-01', amount: 10000, currency: 'EUR' });
    await step(prosecutor, { kind: 'compensation_paid', occurredOn: '2025-06-01', amount: 4000, currency: 'EUR' });
  });
}
