import { randomUUID } from 'node:crypto';
import { sql } from 'kysely';
import {
  profileSectionSchemas,
  profileSections,
  type CaseFactChange,
  type PersonProfileView,
  type ProfileSection,
  type UpdateProfileSectionRequest,
} from '@palermo/contracts';
import type { Db } from '../../platform/db/database.js';
import type { FieldCipher } from '../../platform/crypto/field-cipher.js';
import type { Subject } from '../../platform/access/rules.js';
import { compileRule } from '../../platform/access/sql-filter.js';
import { compileVisibleFields, presentFields, type FieldPolicy } from '../../platform/access/field-policy.js';
import { appendAudit, type Actor } from '../../platform/audit/audit.js';
import { conflict, notFound } from '../../platform/http/errors.js';
import { caseRules } from '../case/case.policy.js';
import { caseColumns, caseExists, selectCases } from '../case/case.repo.js';
import { personProfileFieldPolicy } from './person-profile.fields.js';
import { semanticProblems, validationFailed, zodProblems } from './person-profile.checks.js';

/** The column of each section in person_profiles. */
export const sectionColumns = {
  policeReport: 'police_report',
  communication: 'communication',
  identityDocuments: 'identity_documents',
  ageAssessment: 'age_assessment',
  safeContact: 'safe_contact',
  decisionRecipient: 'decision_recipient',
  background: 'background',
} as const satisfies Record<ProfileSection, string>;

/**
 * Why a read happens, for its audit entry: a competent authority reads for the decision it was asked for; everyone
 * else who may read these records does so to manage the case (or to work on a referral accepted).
 */
export function readPurpose(subject: Subject): 'identification_decision' | 'case_management' {
  return subject.organisationType === 'competent_authority' && subject.roles.includes('decision_maker') ? 'identification_decision' : 'case_management';
}

const profileBinding = (section: ProfileSection, caseId: string) => `person_profiles.${sectionColumns[section]}:${caseId}`;
const historyBinding = (id: string) => `case_fact_history.earlier_value:${id}`;

/**
 * A case this user may read, with the fields a policy shows them of it (compiled to SQL, like the case page). When
 * the rules refuse or the policy shows nothing, undefined, and a refusal on a case that exists is audited as denied
 * (the caller answers 404, which does not confirm that the case exists).
 */
export async function visibleOnCase(
  tx: Db,
  subject: Subject,
  actor: Actor,
  caseId: string,
  policy: FieldPolicy,
  audit: { action: string; what: string },
): Promise<{ reference: string; version: number; personId: string; countryOfExploitation: string | null; visible: Set<string> } | undefined> {
  const row = await selectCases(tx)
    .select(sql<string[]>`${compileVisibleFields(policy, subject, caseColumns)}`.as('visible_fields'))
    .where('c.id', '=', caseId)
    .where(compileRule(caseRules.read, subject, caseColumns))
    .executeTakeFirst();
  if (!row || row.visible_fields.length === 0) {
    if (await caseExists(tx, caseId)) {
      await appendAudit(tx, actor, { action: audit.action, recordType: 'case', recordId: caseId, purpose: readPurpose(subject), summary: `${audit.what}: refused by access rules`, outcome: 'denied' });
    }
    return undefined;
  }
  return { reference: row.reference, version: row.version, personId: row.person_id, countryOfExploitation: row.country_of_exploitation, visible: new Set(row.visible_fields) };
}

/** The history of corrections of the given sections, oldest first, earlier values decrypted. */
export async function historyOf(tx: Db, cipher: FieldCipher, caseId: string, sections: readonly string[]): Promise<CaseFactChange[]> {
  if (sections.length === 0) return [];
  const rows = await tx
    .selectFrom('case_fact_history as h')
    .innerJoin('users as u', 'u.id', 'h.changed_by')
    .innerJoin('organisations as o', 'o.id', 'h.organisation_id')
    .select(['h.id', 'h.section', 'h.earlier_value', 'h.changed_at', 'u.display_name', 'o.name'])
    .where('h.case_id', '=', caseId)
    .where('h.section', 'in', [...sections])
    .orderBy('h.changed_at')
    .orderBy('h.id')
    .execute();
  const out: CaseFactChange[] = [];
  for (const row of rows) {
    const text = await cipher.decryptOptional(row.earlier_value, historyBinding(row.id), tx);
    out.push({
      section: row.section as CaseFactChange['section'],
      earlierValue: text === null ? null : (JSON.parse(text) as unknown),
      changedByName: row.display_name,
      organisationName: row.name,
      changedAt: new Date(row.changed_at).toISOString(),
    });
  }
  return out;
}

/** Appends a correction to the history: the earlier value (JSON, encrypted), who, when, from which organisation. */
export async function recordChange(tx: Db, cipher: FieldCipher, subject: Subject, caseId: string, section: string, earlier: unknown): Promise<void> {
  const id = randomUUID();
  await tx
    .insertInto('case_fact_history')
    .values({
      id,
      case_id: caseId,
      section,
      earlier_value: earlier === null || earlier === undefined ? null : cipher.encrypt(JSON.stringify(earlier), historyBinding(id)),
      changed_by: subject.userId,
      organisation_id: subject.organisationId,
    })
    .execute();
}

/** The referral form's facts about the person of a case, under the personProfile field policy; undefined: 404. */
export async function readProfile(tx: Db, cipher: FieldCipher, subject: Subject, actor: Actor, caseId: string): Promise<PersonProfileView | undefined> {
  const kase = await visibleOnCase(tx, subject, actor, caseId, personProfileFieldPolicy, { action: 'person_profile.read', what: 'referral form' });
  if (!kase) return undefined;
  const row = await tx.selectFrom('person_profiles').selectAll().where('case_id', '=', caseId).executeTakeFirst();
  const shown = profileSections.filter((s) => kase.visible.has(s));
  const view: Record<string, unknown> = { caseId, version: row?.version ?? 0, updatedAt: row ? new Date(row.updated_at).toISOString() : null };
  for (const section of shown) {
    const text = row ? await cipher.decryptOptional(row[sectionColumns[section]], profileBinding(section, caseId), tx) : null;
    view[section] = text === null ? null : (JSON.parse(text) as unknown);
  }
  if (kase.visible.has('history')) view.history = await historyOf(tx, cipher, caseId, shown);
  await appendAudit(tx, actor, {
    action: 'person_profile.read',
    recordType: 'case',
    recordId: caseId,
    purpose: readPurpose(subject),
    summary: `case ${kase.reference}: referral form read; sections shown: ${shown.join(', ') || 'none'}`,
  });
  return presentFields(view, kase.visible) as PersonProfileView;
}

/**
 * Corrects (or records for the first time) one section, as the side that manages the case: the value is checked
 * against its code lists (400 naming each bad field, nothing written), the earlier value goes to the history, the
 * profile's version moves on (409 when someone else changed it first). Audited with the section's name, never values.
 */
export async function updateSection(
  tx: Db,
  cipher: FieldCipher,
  subject: Subject,
  actor: Actor,
  caseId: string,
  input: UpdateProfileSectionRequest,
): Promise<{ caseId: string; version: number }> {
  const section = input.section;
  const parsed = profileSectionSchemas[section].nullable().safeParse(input.value);
  if (!parsed.success) throw validationFailed(zodProblems(parsed.error, 'value'));
  const problems = semanticProblems(parsed.data, 'value');
  if (problems.length > 0) throw validationFailed(problems);
  const kase = await selectCases(tx).select('c.id').where('c.id', '=', caseId).where(compileRule(caseRules.manage, subject, caseColumns)).executeTakeFirst();
  if (!kase) throw notFound('Case');
  const column = sectionColumns[section];
  const current = await tx.selectFrom('person_profiles').selectAll().where('case_id', '=', caseId).forUpdate().executeTakeFirst();
  const currentVersion = current?.version ?? 0;
  if (currentVersion !== input.version) {
    throw conflict(`The referral form was changed by someone else (you read version ${input.version}, it is now version ${currentVersion}); reload it and try again`);
  }
  const earlierText = current ? await cipher.decryptOptional(current[column], profileBinding(section, caseId), tx) : null;
  const next = parsed.data === null ? null : cipher.encrypt(JSON.stringify(parsed.data), profileBinding(section, caseId));
  const version = currentVersion + 1;
  if (current) {
    await tx.updateTable('person_profiles').set({ [column]: next, version, updated_by: subject.userId, updated_at: new Date() }).where('case_id', '=', caseId).execute();
  } else {
    // Two first recordings at once: the second finds the row there and is told to reload, like any stale version.
    const inserted = await tx
      .insertInto('person_profiles')
      .values({ case_id: caseId, [column]: next, version, updated_by: subject.userId })
      .onConflict((oc) => oc.column('case_id').doNothing())
      .returning('case_id')
      .executeTakeFirst();
    if (!inserted) throw conflict('The referral form was changed by someone else; reload it and try again');
  }
  if (earlierText !== null) await recordChange(tx, cipher, subject, caseId, section, JSON.parse(earlierText) as unknown);
  await appendAudit(tx, actor, {
    action: 'person_profile.update',
    recordType: 'case',
    recordId: caseId,
    purpose: 'case_management',
    summary: `referral form section ${section} ${earlierText !== null ? 'corrected' : 'recorded'}${parsed.data === null ? ' (cleared)' : ''}`,
  });
  return { caseId, version };
}
