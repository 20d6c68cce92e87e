import { randomUUID } from 'node:crypto';
import { sql } from 'kysely';
import type { z } from 'zod';
import type {
  CaseProceedings, CreatedRef, linkVictimRequest, recordCompensationRequest, recordCooperationRequest, recordNonPunishmentRequest, recordProtectionRequest, VictimWitnessView,
} from '@palermo/contracts';
import type { Db } from '../../platform/db/database.js';
import type { FieldCipher } from '../../platform/crypto/field-cipher.js';
import type { Subject } from '../../platform/access/rules.js';
import { compileRule } from '../../platform/access/sql-filter.js';
import { presentFields, visibleFields } from '../../platform/access/field-policy.js';
import { appendAudit, type Actor } from '../../platform/audit/audit.js';
import { HttpError, badRequest, conflict, notFound } from '../../platform/http/errors.js';
import { caseColumns } from '../case/case.repo.js';
import { victimWitnessFieldPolicy } from './proceedings.fields.js';
import { proceedingsRules } from './proceedings.policy.js';
import * as repo from './proceedings.repo.js';

export const initialsBinding = (victimId: string) => `proceeding_victims.initials:${victimId}`;

/** "A. B." from the names recorded (the pseudonym when no name is); "N. N." when nothing is. */
export function initialsOf(...names: Array<string | null>): string {
  const letters = names.flatMap((n) => (n ?? '').trim().split(/[\s-]+/u)).filter(Boolean).map((w) => `${[...w][0]?.toLocaleUpperCase() ?? ''}.`);
  return letters.length > 0 ? letters.slice(0, 3).join(' ') : 'N. N.';
}

const audit = (tx: Db, actor: Actor, action: 'proceedings.victim_link' | 'proceedings.victim_read' | 'proceedings.victim_record', recordId: string, summary: string, outcome?: 'denied') =>
  appendAudit(tx, actor, { action, recordType: 'victim_witness', recordId, purpose: 'prosecution', summary, ...(outcome ? { outcome } : {}) });

/** The person's consent to law enforcement as recorded now. */
async function lawEnforcementConsent(tx: Db, personId: string): Promise<CaseProceedings['lawEnforcementConsent']> {
  const row = await tx.selectFrom('person_consents').select('status').where('person_id', '=', personId).where('purpose', '=', 'law_enforcement').executeTakeFirst();
  return (row?.status as CaseProceedings['lawEnforcementConsent'] | undefined) ?? 'not_recorded';
}

/** The case, if this user records for the client (her caseworker); a refusal otherwise, audited, returned. */
async function clientCase(tx: Db, subject: Subject, actor: Actor, caseId: string, what: string): Promise<{ id: string; person_id: string; reference: string } | HttpError> {
  const row = await tx
    .selectFrom('cases as c').innerJoin('persons as p', 'p.id', 'c.person_id')
    .select(['c.id', 'c.person_id', 'c.reference'])
    .where('c.id', '=', caseId).where(compileRule(proceedingsRules.recordForClient, subject, caseColumns))
    .executeTakeFirst();
  if (row) return row;
  if (await tx.selectFrom('cases').select('id').where('id', '=', caseId).executeTakeFirst()) await audit(tx, actor, 'proceedings.victim_link', caseId, `${what}: refused by access rules`, 'denied');
  return notFound('Case');
}

/**
 * Links a victim's case to an investigation (and a suspect's proceedings), only with her consent to share with law
 * enforcement in force: otherwise refused, naming the consent, and nothing is written. Her assistance reads nothing of
 * it. Her initials (at most what the prosecution sees) are taken from her names and stored encrypted.
 */
export async function linkVictim(tx: Db, cipher: FieldCipher, subject: Subject, actor: Actor, caseId: string, input: z.output<typeof linkVictimRequest>): Promise<CreatedRef | HttpError> {
  const found = await clientCase(tx, subject, actor, caseId, 'link to proceedings');
  if (found instanceof HttpError) return found;
  const consent = await lawEnforcementConsent(tx, found.person_id);
  if (consent !== 'given') {
    await audit(tx, actor, 'proceedings.victim_link', caseId, `link to proceedings refused: consent to share with law enforcement ${consent.replace('_', ' ')}`, 'denied');
    return new HttpError(409, 'consent_required', `consent to share with law enforcement: ${consent === 'not_recorded' ? 'not recorded' : consent}; the case is linked to proceedings only with the person's consent`,
      [{ field: 'consent', problem: `consent to share with law enforcement is ${consent === 'not_recorded' ? 'not recorded' : consent}` }], { consentPurpose: 'law_enforcement', status: consent });
  }
  const investigation = await tx.selectFrom('prosecution_investigations').select(['id', 'reference', sql<string>`opened_on::text`.as('opened')]).where('id', '=', input.investigationId).executeTakeFirst();
  if (!investigation) throw badRequest('investigationId', 'no such investigation');
  if (input.linkedOn < investigation.opened) throw badRequest('linkedOn', `the date ${input.linkedOn} is before the investigation was opened (${investigation.opened})`);
  if (input.suspectId) {
    const suspect = await tx.selectFrom('prosecution_suspects').select('id').where('id', '=', input.suspectId).where('investigation_id', '=', investigation.id).executeTakeFirst();
    if (!suspect) throw badRequest('suspectId', 'is not a suspect of this investigation');
  }
  const already = await tx.selectFrom('proceeding_victims').select('id').where('case_id', '=', caseId).where('investigation_id', '=', investigation.id).executeTakeFirst();
  if (already) throw conflict(`investigationId: the case is already linked to investigation ${investigation.reference}`);
  const person = await tx.selectFrom('persons').select(['given_name', 'family_name', 'pseudonym']).where('id', '=', found.person_id).executeTakeFirstOrThrow();
  const [given, family, pseudonym] = await Promise.all([
    cipher.decryptOptional(person.given_name, `persons.given_name:${found.person_id}`, tx),
    cipher.decryptOptional(person.family_name, `persons.family_name:${found.person_id}`, tx),
    cipher.decryptOptional(person.pseudonym, `persons.pseudonym:${found.person_id}`, tx),
  ]);
  const id = randomUUID();
  const initials = given || family ? initialsOf(given, family) : initialsOf(pseudonym);
  await tx.insertInto('proceeding_victims').values({
    id, case_id: caseId, investigation_id: investigation.id, suspect_id: input.suspectId ?? null, standing: input.standing, linked_on: input.linkedOn,
    initials: cipher.encrypt(initials, initialsBinding(id)), linked_by: subject.userId, organisation_id: subject.organisationId,
  }).execute();
  await audit(tx, actor, 'proceedings.victim_link', id, `case ${found.reference} linked to investigation ${investigation.reference} as ${input.standing}; consent to law enforcement given; names read for initials (encrypted)`);
  return { id, reference: investigation.reference };
}

/** The link, if this user records for the client; locked for the change. */
async function victimForClient(tx: Db, subject: Subject, actor: Actor, victimId: string, what: string): Promise<repo.VictimRow | HttpError> {
  const [row] = await repo.findVictims(tx, subject, proceedingsRules.recordForClient, { id: victimId }, true);
  if (row) return row;
  if (await repo.victimExists(tx, victimId)) await audit(tx, actor, 'proceedings.victim_record', victimId, `${what}: refused by access rules`, 'denied');
  return notFound('Victim in proceedings');
}

function decision(outcome: string, decidedOn: string | undefined, after: string, afterWhat: string): string | null {
  if (outcome === 'pending' && decidedOn) throw badRequest('decidedOn', 'must be left empty while the outcome is pending');
  if (outcome !== 'pending' && !decidedOn) throw badRequest('decidedOn', 'is required once there is an outcome');
  if (decidedOn && decidedOn < after) throw badRequest('decidedOn', `the date ${decidedOn} is before ${afterWhat} (${after})`);
  return decidedOn ?? null;
}

/** Her choice of how far to cooperate, dated (every choice kept; the latest in force). */
export async function recordCooperation(tx: Db, subject: Subject, actor: Actor, victimId: string, input: z.output<typeof recordCooperationRequest>): Promise<CreatedRef | HttpError> {
  const victim = await victimForClient(tx, subject, actor, victimId, 'cooperation');
  if (victim instanceof HttpError) return victim;
  const id = randomUUID();
  await tx.insertInto('proceeding_victim_cooperation').values({ id, victim_id: victim.id, level: input.level, chosen_on: input.chosenOn, recorded_by: subject.userId }).execute();
  await audit(tx, actor, 'proceedings.victim_record', victim.id, `cooperation: her choice ${input.level} on ${input.chosenOn}`);
  return { id };
}

/** A protection measure in court: requested, and whether provided (one per measure, updated). */
export async function recordProtection(tx: Db, subject: Subject, actor: Actor, victimId: string, input: z.output<typeof recordProtectionRequest>): Promise<CreatedRef | HttpError> {
  const victim = await victimForClient(tx, subject, actor, victimId, 'protection measure');
  if (victim instanceof HttpError) return victim;
  const decidedOn = decision(input.outcome, input.decidedOn, input.requestedOn, 'the request');
  const id = randomUUID();
  const row = await tx.insertInto('proceeding_victim_protection')
    .values({ id, victim_id: victim.id, measure: input.measure, requested_on: input.requestedOn, outcome: input.outcome, decided_on: decidedOn, recorded_by: subject.userId })
    .onConflict((oc) => oc.columns(['victim_id', 'measure']).doUpdateSet({ requested_on: input.requestedOn, outcome: input.outcome, decided_on: decidedOn, recorded_by: subject.userId, recorded_at: new Date() }))
    .returning('id').executeTakeFirstOrThrow();
  await audit(tx, actor, 'proceedings.victim_record', victim.id, `protection: ${input.measure} requested on ${input.requestedOn}, ${input.outcome}`);
  return { id: row.id };
}

async function claimOf(tx: Db, table: 'proceeding_victim_non_punishment' | 'proceeding_victim_compensation', victimId: string, claimId: string | undefined): Promise<void> {
  if (!claimId) return;
  const row = await tx.selectFrom(table).select('id').where('id', '=', claimId).where('victim_id', '=', victimId).executeTakeFirst();
  if (!row) throw badRequest('claimId', 'is not a claim of this victim');
}

/** A claim not to be punished for an offence she was made to commit, and its outcome. */
export async function recordNonPunishment(tx: Db, subject: Subject, actor: Actor, victimId: string, input: z.output<typeof recordNonPunishmentRequest>): Promise<CreatedRef | HttpError> {
  const victim = await victimForClient(tx, subject, actor, victimId, 'non-punishment claim');
  if (victim instanceof HttpError) return victim;
  await claimOf(tx, 'proceeding_victim_non_punishment', victim.id, input.claimId);
  const decidedOn = decision(input.outcome, input.decidedOn, input.claimedOn, 'the claim');
  const values = { offence: input.offence, claimed_on: input.claimedOn, outcome: input.outcome, decided_on: decidedOn, recorded_by: subject.userId };
  const id = input.claimId ?? randomUUID();
  if (input.claimId) await tx.updateTable('proceeding_victim_non_punishment').set({ ...values, recorded_at: new Date() }).where('id', '=', id).execute();
  else await tx.insertInto('proceeding_victim_non_punishment').values({ id, victim_id: victim.id, ...values }).execute();
  await audit(tx, actor, 'proceedings.victim_record', victim.id, `non-punishment claim (${input.offence}) of ${input.claimedOn}: ${input.outcome}`);
  return { id };
}

/**
 * A compensation claim: ordered and paid, in minor units of the currency. Refused, naming the field: an order or a
 * payment without its date (or a date without it), dates before the claim or a payment before the order, more paid
 * than ordered without the reason.
 */
export async function recordCompensation(tx: Db, subject: Subject, actor: Actor, victimId: string, input: z.output<typeof recordCompensationRequest>): Promise<CreatedRef | HttpError> {
  const victim = await victimForClient(tx, subject, actor, victimId, 'compensation claim');
  if (victim instanceof HttpError) return victim;
  await claimOf(tx, 'proceeding_victim_compensation', victim.id, input.claimId);
  if ((input.amountOrdered === undefined) !== (input.orderedOn === undefined)) throw badRequest(input.orderedOn === undefined ? 'orderedOn' : 'amountOrdered', 'an amount ordered and the date of the order go together');
  if ((input.amountPaid === undefined) !== (input.paidOn === undefined)) throw badRequest(input.paidOn === undefined ? 'paidOn' : 'amountPaid', 'an amount paid and the date of payment go together');
  if (input.orderedOn && input.orderedOn < input.claimedOn) throw badRequest('orderedOn', `the date ${input.orderedOn} is before the claim (${input.claimedOn})`);
  if (input.paidOn && input.paidOn < input.claimedOn) throw badRequest('paidOn', `the date ${input.paidOn} is before the claim (${input.claimedOn})`);
  if (input.paidOn && input.orderedOn && input.paidOn < input.orderedOn) throw badRequest('paidOn', `the date ${input.paidOn} is before the order (${input.orderedOn})`);
  if (input.amountPaid !== undefined && input.amountOrdered !== undefined && input.amountPaid > input.amountOrdered && !input.paidAboveOrderReason) {
    throw badRequest('amountPaid', 'is more than the amount ordered: say why in the reason');
  }
  const values = {
    route: input.route, claimed_on: input.claimedOn, currency: input.currency, amount_ordered: input.amountOrdered ?? null, ordered_on: input.orderedOn ?? null,
    amount_paid: input.amountPaid ?? null, paid_on: input.paidOn ?? null, paid_above_order_reason: input.paidAboveOrderReason ?? null, recorded_by: subject.userId,
  };
  const id = input.claimId ?? randomUUID();
  if (input.claimId) await tx.updateTable('proceeding_victim_compensation').set({ ...values, recorded_at: new Date() }).where('id', '=', id).execute();
  else await tx.insertInto('proceeding_victim_compensation').values({ id, victim_id: victim.id, ...values }).execute();
  const amounts = [input.amountOrdered !== undefined ? `ordered ${input.amountOrdered}` : null, input.amountPaid !== undefined ? `paid ${input.amountPaid}` : null].filter(Boolean).join(', ');
  await audit(tx, actor, 'proceedings.victim_record', victim.id, `compensation claim (${input.route}) of ${input.claimedOn}${amounts ? `: ${amounts} minor units of ${input.currency}` : ''}`);
  return { id };
}

/**
 * Victim-witnesses as the field policy shows them to this user: of a case (her caseworker), or of an operation (the
 * prosecution office, the recording agency: only while her consent to law enforcement is in force). Initials are
 * decrypted only for those who see them; every read is audited, naming how many initials were decrypted.
 */
export async function readVictims(tx: Db, cipher: FieldCipher, subject: Subject, actor: Actor, where: { caseId?: string; operationId?: string }): Promise<VictimWitnessView[]> {
  const rows = await repo.findVictims(tx, subject, proceedingsRules.readVictims, where);
  const parts = await repo.partsOf(tx, rows.map((r) => r.id));
  const views: VictimWitnessView[] = [];
  for (const row of rows) {
    const visible = visibleFields(victimWitnessFieldPolicy, subject, repo.victimFactsOf(row));
    if (visible.size === 0) continue;
    const view: VictimWitnessView = {
      id: row.id, caseId: row.case_id, operationId: row.operation_id, investigationId: row.investigation_id, investigationReference: row.investigation_reference,
      suspectId: row.suspect_id, standing: row.standing, linkedOn: row.linked_on, consentInForce: row.consent_given,
      cooperation: parts.cooperation.filter((p) => p.victim_id === row.id).map((p) => ({ level: p.level, chosenOn: p.chosen_on })),
      protection: parts.protection.filter((p) => p.victim_id === row.id).map((p) => ({ id: p.id, measure: p.measure, requestedOn: p.requested_on, outcome: p.outcome, decidedOn: p.decided_on })),
      nonPunishment: parts.nonPunishment.filter((p) => p.victim_id === row.id).map((p) => ({ id: p.id, offence: p.offence, claimedOn: p.claimed_on, outcome: p.outcome, decidedOn: p.decided_on })),
      compensation: parts.compensation.filter((p) => p.victim_id === row.id).map((p) => ({
        id: p.id, route: p.route, claimedOn: p.claimed_on, currency: p.currency, amountOrdered: p.amount_ordered === null ? null : Number(p.amount_ordered), orderedOn: p.ordered_on,
        amountPaid: p.amount_paid === null ? null : Number(p.amount_paid), paidOn: p.paid_on, paidAboveOrderReason: p.paid_above_order_reason,
      })),
    };
    if (visible.has('initials')) {
      view.initials = await cipher.decrypt(row.initials, initialsBinding(row.id), tx);
    }
    views.push(presentFields(view, visible) as VictimWitnessView);
  }
  for (const view of views) await audit(tx, actor, 'proceedings.victim_read', view.id, `victim-witness read (${where.caseId ? 'from her case' : 'from the operation'}); fields shown: ${Object.keys(view).sort().join(', ')}`);
  return views;
}

/** The case page's section: the consent in force and the case's links (her caseworker only). */
export async function caseProceedings(tx: Db, cipher: FieldCipher, subject: Subject, actor: Actor, caseId: string): Promise<CaseProceedings | HttpError> {
  const row = await tx
    .selectFrom('cases as c').innerJoin('persons as p', 'p.id', 'c.person_id').select(['c.id', 'c.person_id'])
    .where('c.id', '=', caseId).where(compileRule(proceedingsRules.readForClient, subject, caseColumns)).executeTakeFirst();
  if (!row) return notFound('Case');
  return { lawEnforcementConsent: await lawEnforcementConsent(tx, row.person_id), victims: await readVictims(tx, cipher, subject, actor, { caseId }) };
}

/** Investigations a caseworker may link her client to, found by their exact reference (what the police gave her). */
export async function linkableInvestigations(tx: Db, reference: string | undefined) {
  if (!reference) return [];
  return tx.selectFrom('prosecution_investigations as i').leftJoin('organisations as g', 'g.id', 'i.prosecution_office_id')
    .select(['i.id', 'i.reference', 'g.name as prosecutionOfficeName'])
    .where(sql<boolean>`upper(i.reference) = upper(${reference.trim()})`).limit(5).execute();
}
