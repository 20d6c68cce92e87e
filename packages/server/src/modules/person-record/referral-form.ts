import { sql } from 'kysely';
import type { DocumentLanguage } from '@palermo/contracts';
import type { Db } from '../../platform/db/database.js';
import type { FieldCipher } from '../../platform/crypto/field-cipher.js';
import type { Subject } from '../../platform/access/rules.js';
import { compileVisibleFields } from '../../platform/access/field-policy.js';
import { appendAudit, type Actor } from '../../platform/audit/audit.js';
import { createPdf, type PdfWriter } from '../../platform/pdf/pdf-document.js';
import { caseFieldPolicy } from '../case/case.fields.js';
import { caseColumns, selectCases } from '../case/case.repo.js';
import { decryptPerson } from '../person/person.crypto.js';
import { readAccount } from '../account/account.read.js';
import { readProfile } from '../person-profile/person-profile.service.js';
import { readIntake } from '../person-profile/case-intake.service.js';
import { caseUnder, organisationName } from './case-access.js';
import type { PrintedDocument } from './data-requests.js';
import { wordsFor, type Words } from './labels.js';
import { personRecordRules } from './person-record.policy.js';
import { writeValue } from './render-value.js';

const personFieldOrder = ['givenName', 'familyName', 'pseudonym', 'birthDate', 'phone', 'address', 'identityNumber'] as const;

/** A record's current value only: the form is not the place for earlier versions (the subject access answer is). */
function current(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(current);
  if (value === null || typeof value !== 'object') return value;
  return Object.fromEntries(Object.entries(value).filter(([key]) => key !== 'history' && key !== 'updatedAt'));
}

/** A section of the form from a module's view: each part written, or "not recorded" when the case holds nothing. */
function section(pdf: PdfWriter, w: Words, heading: string, parts: Array<[string, unknown]>): void {
  pdf.heading(heading);
  let written = false;
  for (const [label, value] of parts) written = writeValue(pdf, w, label, current(value)) || written;
  if (!written) pdf.paragraph(w.t('personRecord.pdf.notRecorded'));
}

/**
 * An intake exported as a filled referral form, for a country that still needs paper. The sections follow the UK
 * National Referral Mechanism's digital form (the first responder, the person, consent, what happened, the
 * exploiters, the police, communication and documents, who receives the decision); each is filled from the case's
 * data as the printing user's field policy shows it, through the modules' own audited reads.
 */
export async function printReferralForm(
  tx: Db,
  cipher: FieldCipher,
  subject: Subject,
  actor: Actor,
  caseId: string,
  query: { language: DocumentLanguage },
): Promise<PrintedDocument | undefined> {
  if (!(await caseUnder(tx, subject, actor, caseId, personRecordRules.print, { action: 'case.print_referral_form', purpose: 'referral' }))) return undefined;
  const row = await selectCases(tx)
    .select(sql<string[]>`${compileVisibleFields(caseFieldPolicy, subject, caseColumns)}`.as('printer_fields'))
    .where('c.id', '=', caseId)
    .executeTakeFirstOrThrow();
  const shown = new Set(row.printer_fields);
  const personFields = personFieldOrder.filter((f) => shown.has(`person.fields.${f}`));
  const person = await tx.selectFrom('persons').selectAll().where('id', '=', row.person_id).executeTakeFirstOrThrow();
  const values = await decryptPerson(cipher, tx, person, personFields);
  const consents = shown.has('consents')
    ? await tx.selectFrom('person_consents').select(['purpose', 'status', 'recorded_at']).where('person_id', '=', row.person_id).orderBy('purpose').execute()
    : [];
  const intake = await readIntake(tx, cipher, subject, actor, caseId);
  const account = await readAccount(tx, cipher, subject, actor, caseId);
  const profile = await readProfile(tx, cipher, subject, actor, caseId);
  const responder = await tx.selectFrom('users').select(['display_name', 'email']).where('id', '=', subject.userId).executeTakeFirstOrThrow();
  const documents = await tx.selectFrom('case_documents').select(['document_type', 'created_at']).where('case_id', '=', caseId).orderBy('created_at').execute();

  const w = wordsFor(query.language);
  const f = (key: string) => w.t(`personRecord.form.${key}`);
  const pdf = createPdf({ language: query.language, title: f('title'), footer: w.t('personRecord.pdf.confidential') });
  pdf.title(f('title'));
  pdf.paragraph(f('intro'));

  pdf.heading(f('responder'));
  pdf.field(f('responderOrganisation'), await organisationName(tx, subject.organisationId));
  pdf.field(f('responderName'), responder.display_name);
  pdf.field(f('responderContact'), responder.email);
  pdf.field(w.t('personRecord.pdf.caseReference'), row.reference);
  pdf.field(w.t('personRecord.pdf.openedOn'), w.day(row.opened_at));

  pdf.heading(f('person'));
  for (const field of personFields) pdf.field(w.has(`personFields.${field}`) ?? field, values[field] ?? '', w.t('personRecord.pdf.notRecorded'));
  if (shown.has('person.gender')) pdf.field(w.t('personRecord.pdf.gender'), w.code('genders', row.gender), w.t('personRecord.pdf.notRecorded'));
  if (shown.has('person.citizenships')) pdf.field(w.t('personRecord.pdf.citizenships'), row.citizenships.map((c) => w.country(c)).join(', '), w.t('personRecord.pdf.notRecorded'));
  if (shown.has('person.isChild')) pdf.field(f('under18'), w.t(row.is_child ? 'personRecord.pdf.yes' : 'personRecord.pdf.no'));
  if (profile) writeValue(pdf, w, f('ageAssessment'), profile.ageAssessment);

  pdf.heading(f('consent'));
  if (consents.length === 0) pdf.paragraph(w.t('personRecord.pdf.notRecorded'));
  for (const c of consents) pdf.field(w.code('consentPurposes', c.purpose), `${w.code('consentStatuses', c.status)} (${w.day(c.recorded_at)})`);

  section(pdf, w, f('whatHappened'), [
    [w.t('personRecord.pdf.formsOfExploitation'), shown.has('formsOfExploitation') ? row.forms_of_exploitation.map((x) => w.code('exploitation', x)) : undefined],
    [f('countryOfExploitation'), intake?.countryOfExploitation ? w.country(intake.countryOfExploitation) : undefined],
    [f('intakeNotes'), intake?.notes],
    [f('statement'), account?.statement],
    [f('situations'), account?.situations],
  ]);
  section(pdf, w, f('exploiters'), [[f('exploiters'), account?.exploiters]]);
  section(pdf, w, f('police'), [[f('police'), profile?.policeReport]]);
  section(pdf, w, f('communication'), [
    [f('communication'), profile?.communication],
    [f('identityDocuments'), profile?.identityDocuments],
    [f('background'), profile?.background],
  ]);
  section(pdf, w, f('contact'), [
    [f('safeContact'), profile?.safeContact],
    [f('decisionRecipient'), profile?.decisionRecipient],
  ]);
  section(pdf, w, f('evidence'), [[f('evidence'), documents.map((d) => `${w.day(d.created_at)} · ${w.code('documents.types', d.document_type)}`)]]);

  await appendAudit(tx, actor, {
    action: 'case.print_referral_form',
    recordType: 'case',
    recordId: caseId,
    purpose: 'referral',
    summary: `case ${row.reference}: referral form printed in ${query.language}; person fields shown: ${personFields.join(', ') || 'none'}; account ${account ? 'included' : 'not readable'}, referral-form sections ${profile ? 'included' : 'not readable'}`,
  });
  return { bytes: await pdf.finish(), fileName: `referral-form-${row.reference}.pdf` };
}
