import type { z } from 'zod';
import type {
  AccountRecordRef,
  addExploiterRequest,
  addSituationRequest,
  correctExploiterRequest,
  correctSituationRequest,
  saveStatementRequest,
} from '@palermo/contracts';
import type { Db } from '../../platform/db/database.js';
import type { FieldCipher } from '../../platform/crypto/field-cipher.js';
import type { Subject } from '../../platform/access/rules.js';
import { appendAudit, type Actor } from '../../platform/audit/audit.js';
import { conflict, notFound } from '../../platform/http/errors.js';
import { caseForChange } from '../case/case.service.js';
import { idFromIdempotencyKey } from '../case/case-timeline.js';
import { checkExploiter, checkSituation } from './account.checks.js';
import { binding, encryptJson, splitExploiter, splitSituation } from './account.crypto.js';
import { accountRules } from './account.policy.js';
import * as repo from './account.repo.js';

type SituationInput = z.output<typeof addSituationRequest>;
type ExploiterInput = z.output<typeof addExploiterRequest>;

/** The fields a request names (never their values): what the audit entry and the timeline may say. */
const named = (input: object) => Object.keys(input).filter((k) => k !== 'version').sort().join(', ') || 'none';

const staleVersion = (what: string, read: number) =>
  conflict(`The ${what} was changed by someone else since you read version ${read}; reload it and make your correction again`);

/**
 * Records her account in her words and the first responder's reasons, or corrects them. The first write names no
 * version; a correction names the version it read. Every version is kept in the history.
 */
export async function saveStatement(tx: Db, cipher: FieldCipher, subject: Subject, actor: Actor, caseId: string, input: z.output<typeof saveStatementRequest>): Promise<AccountRecordRef> {
  const kase = await caseForChange(tx, subject, caseId, accountRules.write, undefined);
  const { version, ...fields } = input;
  const personal = encryptJson(cipher, fields, binding('account_statements', 'personal', caseId));
  let saved: number;
  if (version === undefined) {
    const inserted = await tx
      .insertInto('account_statements')
      .values({ case_id: caseId, version: 1, personal, created_by: subject.userId, updated_by: subject.userId })
      .onConflict((oc) => oc.column('case_id').doNothing())
      .returning('version')
      .executeTakeFirst();
    if (!inserted) throw conflict('Her account was already recorded by someone else; reload it and correct it');
    saved = 1;
  } else {
    const updated = await tx
      .updateTable('account_statements')
      .set({ version: version + 1, personal, updated_by: subject.userId, updated_at: new Date() })
      .where('case_id', '=', caseId)
      .where('version', '=', version)
      .returning('version')
      .executeTakeFirst();
    if (!updated) throw staleVersion('account', version);
    saved = updated.version;
  }
  await repo.insertRevision(tx, {
    caseId, type: 'statement', recordId: caseId, version: saved, data: {}, subject,
    personal: (id) => encryptJson(cipher, fields, binding('account_revisions', 'personal', id)),
  });
  await appendAudit(tx, actor, {
    action: saved === 1 ? 'account.add' : 'account.correct',
    recordType: 'account_statement',
    recordId: caseId,
    purpose: 'case_management',
    summary: `case ${kase.reference}: statement version ${saved} (${named(fields)}); encrypted`,
  });
  return { id: caseId, version: saved };
}

/** Adds an exploitation situation. A retried request (same idempotency key) returns the situation already added. */
export async function addSituation(tx: Db, cipher: FieldCipher, subject: Subject, actor: Actor, caseId: string, input: SituationInput, key: string): Promise<AccountRecordRef> {
  const kase = await caseForChange(tx, subject, caseId, accountRules.write, undefined);
  const id = idFromIdempotencyKey(`account-situation:${caseId}`, key);
  const existing = await tx.selectFrom('account_situations').select(['version', 'case_id']).where('id', '=', id).executeTakeFirst();
  if (existing) {
    if (existing.case_id !== caseId) throw conflict('This idempotency key was already used; send the new request with a new key');
    return { id, version: existing.version };
  }
  await checkSituation(tx, cipher, kase.person_id, input);
  const { data, personal } = splitSituation(input);
  await tx
    .insertInto('account_situations')
    .values({ id, case_id: caseId, version: 1, data: JSON.stringify(data), personal: encryptJson(cipher, personal, binding('account_situations', 'personal', id)), created_by: subject.userId, updated_by: subject.userId })
    .execute();
  await repo.insertRevision(tx, {
    caseId, type: 'situation', recordId: id, version: 1, data, subject,
    personal: (rid) => encryptJson(cipher, personal, binding('account_revisions', 'personal', rid)),
  });
  await appendAudit(tx, actor, { action: 'account.add', recordType: 'account_situation', recordId: id, purpose: 'case_management', summary: `case ${kase.reference}: situation added (${named(input)})` });
  return { id, version: 1 };
}

/** Corrects a situation: the whole value as it should now read, naming the version read. */
export async function correctSituation(tx: Db, cipher: FieldCipher, subject: Subject, actor: Actor, caseId: string, id: string, input: z.output<typeof correctSituationRequest>): Promise<AccountRecordRef> {
  const kase = await caseForChange(tx, subject, caseId, accountRules.write, undefined);
  const { version, ...fields } = input;
  const current = await tx.selectFrom('account_situations').select(['version', 'data']).where('id', '=', id).where('case_id', '=', caseId).executeTakeFirst();
  if (!current) throw notFound('Situation');
  await checkSituation(tx, cipher, kase.person_id, fields);
  const { data, personal } = splitSituation(fields);
  const updated = await tx
    .updateTable('account_situations')
    .set({ version: version + 1, data: JSON.stringify(data), personal: encryptJson(cipher, personal, binding('account_situations', 'personal', id)), updated_by: subject.userId, updated_at: new Date() })
    .where('id', '=', id)
    .where('version', '=', version)
    .returning('version')
    .executeTakeFirst();
  if (!updated) throw staleVersion('situation', version);
  await repo.insertRevision(tx, {
    caseId, type: 'situation', recordId: id, version: updated.version, data, subject,
    personal: (rid) => encryptJson(cipher, personal, binding('account_revisions', 'personal', rid)),
  });
  await appendAudit(tx, actor, {
    action: 'account.correct', recordType: 'account_situation', recordId: id, purpose: 'case_management',
    summary: `case ${kase.reference}: situation corrected to version ${updated.version} (structured fields changed: ${changedKeys(current.data, data)})`,
  });
  return { id, version: updated.version };
}

/** The structured fields that differ between two versions (names only). */
function changedKeys(before: unknown, after: object): string {
  const a = (before ?? {}) as Record<string, unknown>;
  const b = after as Record<string, unknown>;
  const keys = [...new Set([...Object.keys(a), ...Object.keys(b)])].filter((k) => JSON.stringify(a[k]) !== JSON.stringify(b[k]));
  return keys.sort().join(', ') || 'none';
}

/** Adds an exploiter. A retried request (same idempotency key) returns the exploiter already added. */
export async function addExploiter(tx: Db, cipher: FieldCipher, subject: Subject, actor: Actor, caseId: string, input: ExploiterInput, key: string): Promise<AccountRecordRef> {
  const kase = await caseForChange(tx, subject, caseId, accountRules.write, undefined);
  const id = idFromIdempotencyKey(`account-exploiter:${caseId}`, key);
  const existing = await tx.selectFrom('account_exploiters').select(['version', 'case_id']).where('id', '=', id).executeTakeFirst();
  if (existing) {
    if (existing.case_id !== caseId) throw conflict('This idempotency key was already used; send the new request with a new key');
    return { id, version: existing.version };
  }
  await checkExploiter(tx, caseId, input);
  const { kind, pseudonym, data, personal } = splitExploiter(input);
  await tx
    .insertInto('account_exploiters')
    .values({
      id, case_id: caseId, version: 1, kind, data: JSON.stringify(data),
      pseudonym: cipher.encrypt(pseudonym, binding('account_exploiters', 'pseudonym', id)),
      personal: encryptJson(cipher, personal, binding('account_exploiters', 'personal', id)),
      created_by: subject.userId, updated_by: subject.userId,
    })
    .execute();
  await repo.insertRevision(tx, {
    caseId, type: 'exploiter', recordId: id, version: 1, kind, data, subject,
    personal: (rid) => encryptJson(cipher, personal, binding('account_revisions', 'personal', rid)),
    pseudonym: (rid) => cipher.encrypt(pseudonym, binding('account_revisions', 'pseudonym', rid)),
  });
  await appendAudit(tx, actor, { action: 'account.add', recordType: 'account_exploiter', recordId: id, purpose: 'case_management', summary: `case ${kase.reference}: exploiter added (${named(input)}); identity encrypted` });
  return { id, version: 1 };
}

/** Corrects an exploiter, naming the version read. */
export async function correctExploiter(tx: Db, cipher: FieldCipher, subject: Subject, actor: Actor, caseId: string, id: string, input: z.output<typeof correctExploiterRequest>): Promise<AccountRecordRef> {
  const kase = await caseForChange(tx, subject, caseId, accountRules.write, undefined);
  const { version, ...fields } = input;
  const current = await tx.selectFrom('account_exploiters').select(['version', 'data', 'suspect_link_id']).where('id', '=', id).where('case_id', '=', caseId).executeTakeFirst();
  if (!current) throw notFound('Exploiter');
  await checkExploiter(tx, caseId, fields);
  const { kind, pseudonym, data, personal } = splitExploiter(fields);
  const updated = await tx
    .updateTable('account_exploiters')
    .set({
      version: version + 1, kind, data: JSON.stringify(data),
      pseudonym: cipher.encrypt(pseudonym, binding('account_exploiters', 'pseudonym', id)),
      personal: encryptJson(cipher, personal, binding('account_exploiters', 'personal', id)),
      updated_by: subject.userId, updated_at: new Date(),
    })
    .where('id', '=', id)
    .where('version', '=', version)
    .returning('version')
    .executeTakeFirst();
  if (!updated) throw staleVersion('exploiter', version);
  await repo.insertRevision(tx, {
    caseId, type: 'exploiter', recordId: id, version: updated.version, kind, data, subject, suspectLinkId: current.suspect_link_id,
    personal: (rid) => encryptJson(cipher, personal, binding('account_revisions', 'personal', rid)),
    pseudonym: (rid) => cipher.encrypt(pseudonym, binding('account_revisions', 'pseudonym', rid)),
  });
  await appendAudit(tx, actor, {
    action: 'account.correct', recordType: 'account_exploiter', recordId: id, purpose: 'case_management',
    summary: `case ${kase.reference}: exploiter corrected to version ${updated.version} (structured fields changed: ${changedKeys(current.data, data)}); identity encrypted`,
  });
  return { id, version: updated.version };
}
