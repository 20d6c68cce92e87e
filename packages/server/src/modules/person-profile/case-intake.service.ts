import {
  caseIntakeView,
  suggestMethodsOfControl,
  type CaseIntakeView,
  type CaseScreeningsView,
  type CorrectIntakeRequest,
  type IndicatorAnswer,
  type ScreeningReadBack,
} from '@palermo/contracts';
import type { Db } from '../../platform/db/database.js';
import type { FieldCipher } from '../../platform/crypto/field-cipher.js';
import type { Subject } from '../../platform/access/rules.js';
import { presentFields } from '../../platform/access/field-policy.js';
import { appendAudit, type Actor } from '../../platform/audit/audit.js';
import { caseRules } from '../case/case.policy.js';
import { bumpVersion, caseForChange } from '../case/case.service.js';
import { getChecklist } from '../screening/screening.service.js';
import { caseIntakeFieldPolicy, caseScreeningsFieldPolicy } from './person-profile.fields.js';
import { isAssignedCountry, validationFailed } from './person-profile.checks.js';
import { historyOf, readPurpose, recordChange, visibleOnCase } from './person-profile.service.js';

const notesBinding = (personId: string) => `persons.notes:${personId}`;

/** The intake's notes and country of exploitation, shown again under the caseIntake policy; undefined: 404. */
export async function readIntake(tx: Db, cipher: FieldCipher, subject: Subject, actor: Actor, caseId: string): Promise<CaseIntakeView | undefined> {
  const kase = await visibleOnCase(tx, subject, actor, caseId, caseIntakeFieldPolicy, { action: 'case.intake_read', what: 'intake' });
  if (!kase) return undefined;
  const person = await tx.selectFrom('persons').select('notes').where('id', '=', kase.personId).executeTakeFirstOrThrow();
  const view: CaseIntakeView = {
    caseId,
    version: kase.version,
    notes: kase.visible.has('notes') ? await cipher.decryptOptional(person.notes, notesBinding(kase.personId), tx) : null,
    countryOfExploitation: kase.countryOfExploitation,
  };
  const sections = (['intakeNotes', 'countryOfExploitation'] as const).filter((s) => kase.visible.has(s === 'intakeNotes' ? 'notes' : s));
  if (kase.visible.has('history')) view.history = await historyOf(tx, cipher, caseId, sections);
  await appendAudit(tx, actor, {
    action: 'case.intake_read',
    recordType: 'case',
    recordId: caseId,
    purpose: readPurpose(subject),
    summary: `case ${kase.reference}: intake read; fields shown: ${[...kase.visible].filter((f) => f === 'notes' || f === 'countryOfExploitation').join(', ') || 'none'}`,
  });
  return caseIntakeView.parse(presentFields(view, kase.visible));
}

/**
 * Corrects the intake as the side that manages the case: the notes and the country of exploitation, each earlier
 * value kept in the history. The case's version moves on (409 when someone else changed the case first); an unknown
 * country answers 400 naming the field, and nothing is written.
 */
export async function correctIntake(
  tx: Db,
  cipher: FieldCipher,
  subject: Subject,
  actor: Actor,
  caseId: string,
  input: CorrectIntakeRequest,
): Promise<{ caseId: string; version: number }> {
  if (typeof input.countryOfExploitation === 'string' && !isAssignedCountry(input.countryOfExploitation)) {
    throw validationFailed([{ field: 'countryOfExploitation', problem: 'is not an assigned ISO 3166-1 country code' }]);
  }
  const row = await caseForChange(tx, subject, caseId, caseRules.manage, input.version);
  const changed: string[] = [];
  if (input.notes !== undefined) {
    const person = await tx.selectFrom('persons').select('notes').where('id', '=', row.person_id).executeTakeFirstOrThrow();
    const earlier = await cipher.decryptOptional(person.notes, notesBinding(row.person_id), tx);
    const next = input.notes === null || input.notes.trim() === '' ? null : input.notes;
    if (earlier !== next) {
      await tx.updateTable('persons').set({ notes: cipher.encryptOptional(next, notesBinding(row.person_id)), updated_at: new Date() }).where('id', '=', row.person_id).execute();
      await recordChange(tx, cipher, subject, caseId, 'intakeNotes', earlier);
      changed.push('notes');
    }
  }
  if (input.countryOfExploitation !== undefined && input.countryOfExploitation !== row.country_of_exploitation) {
    await tx.updateTable('cases').set({ country_of_exploitation: input.countryOfExploitation }).where('id', '=', caseId).execute();
    await recordChange(tx, cipher, subject, caseId, 'countryOfExploitation', row.country_of_exploitation);
    changed.push('countryOfExploitation');
  }
  if (changed.length === 0) return { caseId, version: row.version };
  const version = await bumpVersion(tx, caseId, input.version);
  await appendAudit(tx, actor, { action: 'case.intake_correct', recordType: 'case', recordId: caseId, purpose: 'case_management', summary: `intake corrected: ${changed.join(', ')}` });
  return { caseId, version };
}

/**
 * The case's screenings read back, oldest first: each answer with the item's words, the suggestion, the notes
 * (decrypted only for those the policy shows them to), and the methods of control the present indicators suggest
 * (crosswalks/screening-to-control.ts), for the caseworker to confirm in the account. Undefined: 404.
 */
export async function readScreenings(tx: Db, cipher: FieldCipher, subject: Subject, actor: Actor, caseId: string): Promise<CaseScreeningsView | undefined> {
  const kase = await visibleOnCase(tx, subject, actor, caseId, caseScreeningsFieldPolicy, { action: 'case.screenings_read', what: 'screenings' });
  if (!kase) return undefined;
  const rows = await tx
    .selectFrom('screenings as s')
    .innerJoin('users as u', 'u.id', 's.screened_by')
    .innerJoin('organisations as o', 'o.id', 's.organisation_id')
    .select(['s.id', 's.checklist_code', 's.checklist_version', 's.answers', 's.is_child', 's.assessment', 's.notes', 's.screened_at', 'u.display_name', 'o.name'])
    .where('s.case_id', '=', caseId)
    .orderBy('s.screened_at')
    .orderBy('s.id')
    .execute();
  const screenings: ScreeningReadBack[] = [];
  for (const row of rows) {
    const checklist = await getChecklist(tx, row.checklist_code, row.checklist_version);
    const answers = (typeof row.answers === 'string' ? JSON.parse(row.answers) : row.answers) as Record<string, IndicatorAnswer>;
    const assessment = (typeof row.assessment === 'string' ? JSON.parse(row.assessment) : row.assessment) as { suggestion: ScreeningReadBack['suggestion'] };
    const items = checklist?.document.items ?? [];
    screenings.push({
      id: row.id,
      checklistCode: row.checklist_code,
      checklistVersion: row.checklist_version,
      checklistTitle: checklist?.document.title ?? row.checklist_code,
      isChild: row.is_child,
      suggestion: assessment.suggestion,
      answers: items
        .filter((item) => answers[item.code] !== undefined)
        .map((item) => ({ item: item.code, label: item.label, category: item.category, element: item.element, strength: item.strength, answer: answers[item.code] ?? 'unknown' })),
      notes: kase.visible.has('screenings') ? await cipher.decryptOptional(row.notes, `screenings.notes:${row.id}`, tx) : null,
      screenedAt: new Date(row.screened_at).toISOString(),
      screenedByName: row.display_name,
      organisationName: row.name,
    });
  }
  const suggested = suggestMethodsOfControl(screenings.map((s) => ({ checklist: s.checklistCode, answers: s.answers })));
  await appendAudit(tx, actor, {
    action: 'case.screenings_read',
    recordType: 'case',
    recordId: caseId,
    purpose: readPurpose(subject),
    summary: `case ${kase.reference}: ${screenings.length} screenings read`,
  });
  return presentFields(
    { caseId, screenings, suggestedMethodsOfControl: suggested.map((s) => ({ method: s.method, indicators: [...s.indicators] })) },
    kase.visible,
  ) as CaseScreeningsView;
}
