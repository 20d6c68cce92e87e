import { sql } from 'kysely';
import { referralDataSets, type DocumentLanguage, type ProtectionService } from '@palermo/contracts';
import type { Db } from '../../platform/db/database.js';
import type { FieldCipher } from '../../platform/crypto/field-cipher.js';
import type { Subject } from '../../platform/access/rules.js';
import { compileVisibleFields, sharedName } from '../../platform/access/field-policy.js';
import { appendAudit, type Actor } from '../../platform/audit/audit.js';
import { createPdf } from '../../platform/pdf/pdf-document.js';
import { caseFieldPolicy } from '../case/case.fields.js';
import { caseColumns, selectCases } from '../case/case.repo.js';
import { decryptPerson } from '../person/person.crypto.js';
import { caseUnder } from './case-access.js';
import type { PrintedDocument } from './data-requests.js';
import { wordsFor } from './labels.js';
import { personRecordRules } from './person-record.policy.js';

/**
 * What a referral meeting may see of a case: what an organisation that accepted a referral sees (the case's
 * envelope, whether the person is a child, her gender) and, of her identifying fields, those the referral's minimum
 * data set for the service discussed names; never more than the one printing may see. The case's timeline stays
 * out (it is the viewer's own organisation's; a meeting has none), and so does the case record.
 */
export function meetingFields(service: ProtectionService | undefined): Set<string> {
  const grant = caseFieldPolicy.grants.receiverAfterAcceptance;
  const named = new Set<string>(service ? referralDataSets[service] : []);
  return new Set([...grant.fields.filter((f) => f !== 'timeline'), ...(grant.asShared ?? []).filter((f) => named.has(sharedName(f)))]);
}

const personFieldOrder = ['givenName', 'familyName', 'pseudonym', 'birthDate', 'phone', 'address', 'identityNumber'] as const;

export async function printMeetingSummary(
  tx: Db,
  cipher: FieldCipher,
  subject: Subject,
  actor: Actor,
  caseId: string,
  query: { language: DocumentLanguage; service?: ProtectionService | undefined },
): Promise<PrintedDocument | undefined> {
  if (!(await caseUnder(tx, subject, actor, caseId, personRecordRules.print, { action: 'case.print_meeting_summary', purpose: 'referral' }))) return undefined;
  const row = await selectCases(tx)
    .select(sql<string[]>`${compileVisibleFields(caseFieldPolicy, subject, caseColumns)}`.as('printer_fields'))
    .where('c.id', '=', caseId)
    .executeTakeFirstOrThrow();
  const printer = new Set(row.printer_fields);
  const shown = new Set([...meetingFields(query.service)].filter((f) => printer.has(f)));
  const personFields = personFieldOrder.filter((f) => shown.has(`person.fields.${f}`));
  const person = await tx.selectFrom('persons').selectAll().where('id', '=', row.person_id).executeTakeFirstOrThrow();
  const values = personFields.length > 0 ? await decryptPerson(cipher, tx, person, personFields) : undefined;

  const w = wordsFor(query.language);
  const pdf = createPdf({ language: query.language, title: w.t('personRecord.pdf.meetingTitle'), footer: w.t('personRecord.pdf.confidential') });
  pdf.title(w.t('personRecord.pdf.meetingTitle'));
  pdf.paragraph(w.t('personRecord.pdf.meetingIntro', { service: query.service ? w.code('services', query.service) : w.t('personRecord.pdf.noService') }));
  pdf.heading(w.t('personRecord.pdf.theCase'));
  if (shown.has('reference')) pdf.field(w.t('personRecord.pdf.caseReference'), row.reference);
  if (shown.has('status')) pdf.field(w.t('personRecord.pdf.status'), w.code('caseStatuses', row.status));
  if (shown.has('openedAt')) pdf.field(w.t('personRecord.pdf.openedOn'), w.day(row.opened_at));
  if (shown.has('person.isChild')) pdf.field(w.t('personRecord.pdf.child'), w.t(row.is_child ? 'personRecord.pdf.yes' : 'personRecord.pdf.no'));
  if (shown.has('person.gender')) pdf.field(w.t('personRecord.pdf.gender'), w.code('genders', row.gender), w.t('personRecord.pdf.notRecorded'));
  if (values) {
    pdf.heading(w.t('personRecord.pdf.identity'));
    for (const field of personFields) pdf.field(w.has(`personFields.${field}`) ?? field, values[field] ?? '', w.t('personRecord.pdf.notRecorded'));
  }
  pdf.heading(w.t('personRecord.pdf.leftOut'));
  pdf.paragraph(w.t('personRecord.pdf.leftOutText'));
  await appendAudit(tx, actor, {
    action: 'case.print_meeting_summary',
    recordType: 'case',
    recordId: caseId,
    purpose: 'referral',
    summary: `case ${row.reference}: summary for a referral meeting printed in ${query.language} (service ${query.service ?? 'none'}); person fields shown: ${personFields.join(', ') || 'none'}`,
  });
  return { bytes: await pdf.finish(), fileName: `meeting-summary-${row.reference}.pdf` };
}
