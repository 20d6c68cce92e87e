import { crossBorderRequestCreate, crossBorderStatusUpdate, linkVictimRequest, recordCompensationRequest, recordCooperationRequest, recordNonPunishmentRequest, recordProtectionRequest, type Role } from '@palermo/contracts';
import { sql } from 'kysely';
import type { Database } from '../../platform/db/database.js';
import type { FieldCipher } from '../../platform/crypto/field-cipher.js';
import type { Subject } from '../../platform/access/rules.js';
import { HttpError } from '../../platform/http/errors.js';
import { createRequest, updateRequestStatus } from './cross-border.service.js';
import { linkVictim, recordCompensation, recordCooperation, recordNonPunishment, recordProtection } from './victims.service.js';

const done = async <T>(result: Promise<T | HttpError>): Promise<T> => {
  const value = await result;
  if (value instanceof HttpError) throw value;
  return value;
};
const actorOf = (subject: Subject) => ({ userId: subject.userId, name: 'proceedings', organisationId: subject.organisationId });

async function userOf(database: Database, where: { role: Role; organisationId?: string }): Promise<Subject> {
  const user = await database.db
    .selectFrom('users').innerJoin('organisations', 'organisations.id', 'users.organisation_id')
    .select(['users.id', 'users.organisation_id', 'users.roles', 'organisations.type', 'organisations.jurisdictions'])
    .where(sql<boolean>`${where.role} = any(users.roles)`)
    .$if(where.organisationId !== undefined, (q) => q.where('users.organisation_id', '=', where.organisationId ?? ''))
    .orderBy('users.id').executeTakeFirstOrThrow();
  return { userId: user.id, organisationId: user.organisation_id, organisationType: user.type as Subject['organisationType'], jurisdictions: user.jurisdictions, roles: user.roles as Role[] };
}

/**
 * A victim of a demo case linked (with her consent to law enforcement) to the populated investigation, with a choice of
 * cooperation, a protection measure, a non-punishment claim and a compensation claim; and a cross-border request of
 * that investigation, answered: every table of 0043 and 0044 holds a row. Runs after populateProsecution.
 */
export async function populateProceedings(database: Database, cipher: FieldCipher): Promise<void> {
  const db = database.db;
  const investigation = await db.selectFrom('prosecution_investigations').select(['id', 'prosecution_office_id']).where('prosecution_office_id', 'is not', null).orderBy('created_at').executeTakeFirstOrThrow();
  const held = await db.selectFrom('cases as c').innerJoin('users as u', 'u.organisation_id', 'c.managing_organisation_id')
    .select(['c.id', 'c.person_id', 'u.id as user_id']).where(sql<boolean>`'caseworker' = any(u.roles)`).orderBy('c.opened_at').executeTakeFirstOrThrow();
  const caseworker = await userOf(database, { role: 'caseworker', organisationId: (await db.selectFrom('users').select('organisation_id').where('id', '=', held.user_id).executeTakeFirstOrThrow()).organisation_id });
  const prosecutor = await userOf(database, { role: 'prosecutor', organisationId: investigation.prosecution_office_id ?? '' });
  await db.transaction().execute(async (tx) => {
    await tx.insertInto('person_consents').values({ person_id: held.person_id, purpose: 'law_enforcement', status: 'given', recorded_by: caseworker.userId, recorded_at: new Date() })
      .onConflict((oc) => oc.columns(['person_id', 'purpose']).doUpdateSet({ status: 'given' })).execute();
    const actor = actorOf(caseworker);
    const victim = await done(linkVictim(tx, cipher, caseworker, actor, held.id, linkVictimRequest.parse({ investigationId: investigation.id, standing: 'witness', linkedOn: '2024-06-01' })));
    await done(recordCooperation(tx, caseworker, actor, victim.id, recordCooperationRequest.parse({ level: 'testimony', chosenOn: '2024-06-02' })));
    await done(recordProtection(tx, caseworker, actor, victim.id, recordProtectionRequest.parse({ measure: 'video_link', requestedOn: '2024-06-03', outcome: 'provided', decidedOn: '2024-07-01' })));
    await done(recordNonPunishment(tx, caseworker, actor, victim.id, recordNonPunishmentRequest.parse({ offence: 'immigration', claimedOn: '2024-06-03', outcome: 'granted', decidedOn: '2024-08-01' })));
    await done(recordCompensation(tx, caseworker, actor, victim.id, recordCompensationRequest.parse({ route: 'criminal_proceedings', claimedOn: '2024-06-03', currency: 'EUR', amountOrdered: 400000, orderedOn: '2024-11-01', amountPaid: 400000, paidOn: '2025-06-01' })));
    const request = await done(createRequest(tx, prosecutor, actorOf(prosecutor), investigation.id, crossBorderRequestCreate.parse({
      kind: 'mutual_legal_assistance', direction: 'outgoing', requestingCountry: 'MD', requestedCountry: 'IT', sentOn: '2024-05-01', asks: ['evidence'],
    })));
    await done(updateRequestStatus(tx, prosecutor, actorOf(prosecutor), request.id, crossBorderStatusUpdate.parse({ status: 'answered', on: '2024-07-15' })));
  });
}
