import { randomInt, randomUUID } from 'node:crypto';
import type { z } from 'zod';
import type { ConsentPurpose, ConsentStatus, CreatePersonRequest, PersonView, personSummary } from '@palermo/contracts';
import type { Db } from '../../platform/db/database.js';
import type { FieldCipher } from '../../platform/crypto/field-cipher.js';
import type { Subject } from '../../platform/access/rules.js';
import { compileRule } from '../../platform/access/sql-filter.js';
import { compileVisibleFields, presentFields } from '../../platform/access/field-policy.js';
import { appendAudit, type Actor } from '../../platform/audit/audit.js';
import { badRequest, notFound } from '../../platform/http/errors.js';
import { personRules } from './person.policy.js';
import * as repo from './person.repo.js';
import { decryptPerson, encryptPerson, encryptedPersonFields } from './person.crypto.js';
import { personFieldPolicy } from './person.fields.js';

const REFERENCE_ALPHABET = 'ABCDEFGHJKLMNPQRSTUVWXYZ23456789';
function newReference(): string {
  let code = '';
  for (let i = 0; i < 8; i += 1) code += REFERENCE_ALPHABET[randomInt(REFERENCE_ALPHABET.length)] ?? '';
  return `P-${code}`;
}

export async function createPerson(tx: Db, cipher: FieldCipher, subject: Subject, actor: Actor, input: CreatePersonRequest) {
  const id = randomUUID();
  const reference = newReference();
  await tx
    .insertInto('persons')
    .values({
      id,
      reference,
      organisation_id: subject.organisationId,
      case_manager_user_id: subject.roles.includes('caseworker') ? subject.userId : null,
      jurisdiction: input.jurisdiction ?? null,
      created_by: subject.userId,
      ...encryptPerson(cipher, id, input),
      name_index: cipher.index.nameTokens(input.givenName, input.familyName, input.pseudonym),
      birth_date_index: cipher.index.birthDateToken(input.birthDate),
    })
    .execute();
  const provided = Object.entries(input).filter(([, v]) => v !== undefined).map(([k]) => k);
  await appendAudit(tx, actor, {
    action: 'person.create',
    recordType: 'person',
    recordId: id,
    purpose: 'case_management',
    summary: `person recorded; fields given: ${provided.join(', ') || 'none (anonymous)'}`,
  });
  return { id, reference };
}

/**
 * A direct read: the same compiled rule as the lists, so a read can never show what a list hides. A refusal is
 * audited as denied (and committed) and returns undefined: the caller answers "not found", which does not confirm
 * that the person exists.
 */
/**
 * One person, if the access rule allows it. The read, its consents and its audit entry are one statement (see
 * repo.readPersonAudited), so the entry exists exactly when the row was read, with or without a surrounding transaction.
 * A refused read of a person who exists is audited as denied.
 */
export async function readPerson(db: Db, cipher: FieldCipher, subject: Subject, actor: Actor, id: string): Promise<PersonView | undefined> {
  const event = { action: 'person.read', recordType: 'person', purpose: 'case_management' } as const;
  const visibleSql = compileVisibleFields(personFieldPolicy, subject, repo.personColumns);
  const row = await repo.readPersonAudited(db, id, compileRule(personRules.read, subject, repo.personColumns), visibleSql, actor, { ...event, summary: 'person record viewed' });
  if (!row) {
    await repo.auditRefusedRead(db, id, actor, { ...event, summary: 'refused by access rules' });
    return undefined;
  }
  const visible = new Set(row.visible_fields);
  // Only the fields the policy shows are decrypted.
  const fields = await decryptPerson(cipher, db, row, encryptedPersonFields.map(([field]) => field).filter((field) => visible.has(field)));
  const view: PersonView = {
    id: row.id,
    reference: row.reference,
    organisationId: row.organisation_id,
    caseManagerUserId: row.case_manager_user_id,
    jurisdiction: row.jurisdiction,
    ...fields,
    consents: row.consents.map((c) => ({ purpose: c.purpose as ConsentPurpose, status: c.status as ConsentStatus, recordedAt: new Date(c.recorded_at).toISOString() })),
    createdAt: new Date(row.created_at).toISOString(),
  };
  return presentFields(view, visible) as PersonView;
}

/** The persons the user may see, each presented through the field policy (lists carry names at most). */
export async function listPersons(tx: Db, cipher: FieldCipher, subject: Subject, actor: Actor, limit = 50) {
  const rows = await repo.listPersons(tx, compileRule(personRules.read, subject, repo.personColumns), compileVisibleFields(personFieldPolicy, subject, repo.personColumns), limit);
  const persons = await Promise.all(
    rows.map(async (row) => {
      const visible = new Set(row.visible_fields);
      const names = await decryptPerson(cipher, tx, row, listedNames.filter((field) => visible.has(field)));
      const summary: PersonSummary = {
        id: row.id,
        reference: row.reference,
        organisationId: row.organisation_id,
        caseManagerUserId: row.case_manager_user_id,
        givenName: names.givenName,
        familyName: names.familyName,
        pseudonym: names.pseudonym,
        createdAt: row.created_at.toISOString(),
      };
      return presentFields(summary, visible) as PersonSummary;
    }),
  );
  if (persons.length > 0) {
    await appendAudit(tx, actor, {
      action: 'person.list',
      recordType: 'person',
      purpose: 'case_management',
      summary: `listed ${persons.length} persons (names at most, as the field policy allows): ${persons.map((p) => p.reference).join(' ')}`,
    });
  }
  return persons;
}

const listedNames = ['givenName', 'familyName', 'pseudonym'] as const;
type PersonSummary = z.infer<typeof personSummary>;

async function requireWritable(tx: Db, subject: Subject, id: string, rule: typeof personRules.update | typeof personRules.assign) {
  const row = await repo.findPerson(tx, id, compileRule(rule, subject, repo.personColumns));
  if (!row) throw notFound('Person');
  return row;
}

export async function recordConsent(tx: Db, subject: Subject, actor: Actor, id: string, purpose: ConsentPurpose, status: ConsentStatus) {
  await requireWritable(tx, subject, id, personRules.update);
  await tx
    .insertInto('person_consents')
    .values({ person_id: id, purpose, status, recorded_by: subject.userId, recorded_at: new Date() })
    .onConflict((oc) => oc.columns(['person_id', 'purpose']).doUpdateSet({ status, recorded_by: subject.userId, recorded_at: new Date() }))
    .execute();
  await appendAudit(tx, actor, { action: 'person.consent', recordType: 'person', recordId: id, purpose: 'case_management', summary: `consent for ${purpose}: ${status}` });
}

export async function assignCaseManager(tx: Db, subject: Subject, actor: Actor, id: string, userId: string) {
  const row = await requireWritable(tx, subject, id, personRules.assign);
  const manager = await tx.selectFrom('users').select(['organisation_id', 'roles', 'active']).where('id', '=', userId).executeTakeFirst();
  if (!manager || !manager.active || !manager.roles.includes('caseworker')) {
    throw badRequest('userId', 'must be an active caseworker');
  }
  await tx.updateTable('persons').set({ case_manager_user_id: userId, updated_at: new Date(), version: row.version + 1 }).where('id', '=', id).execute();
  await appendAudit(tx, actor, { action: 'person.assign', recordType: 'person', recordId: id, purpose: 'case_management', summary: 'case manager assigned' });
}
