import type { DocumentLanguage } from '@palermo/contracts';
import { auditCodeKey } from '@palermo/contracts';
import { createPdf, type PdfWriter } from '../../platform/pdf/pdf-document.js';
import { wordsFor, type Words } from './labels.js';
import { writeObject, writeValue } from './render-value.js';
import type { HeldCase, HeldRecord } from './subject-access.gather.js';

const identityFields = ['givenName', 'familyName', 'pseudonym', 'birthDate', 'phone', 'address', 'identityNumber', 'notes'] as const;

function list(pdf: PdfWriter, heading: string, lines: string[]): void {
  if (lines.length === 0) return;
  pdf.text(heading, { size: 'label', bold: true, colour: '#444444' });
  for (const line of lines) pdf.text(line, { size: 'body', indent: 10, after: 2 });
  pdf.text('', { size: 'label' });
}

function writeCase(pdf: PdfWriter, w: Words, kase: HeldCase): void {
  pdf.heading(w.t('personRecord.pdf.caseHeading', { reference: kase.reference }));
  pdf.field(w.t('personRecord.pdf.openedOn'), w.day(kase.openedAt));
  if (kase.closedAt) pdf.field(w.t('personRecord.pdf.closedOn'), w.day(kase.closedAt));
  pdf.field(w.t('personRecord.pdf.managingOrganisation'), kase.managingOrganisation);
  pdf.field(w.t('personRecord.pdf.status'), w.code('caseStatuses', kase.status));
  pdf.field(w.t('personRecord.pdf.stage'), w.code('caseStages', kase.stage));
  pdf.field(w.t('personRecord.pdf.traffickingStatus'), w.code('traffickingStatuses', kase.traffickingStatus));
  if (kase.formsOfExploitation.length > 0) {
    pdf.field(w.t('personRecord.pdf.formsOfExploitation'), kase.formsOfExploitation.map((f) => w.code('exploitation', f)).join(', '));
  }
  if (kase.intake) writeObject(pdf, w, kase.intake);
  list(pdf, w.t('personRecord.pdf.decisions'), kase.decisions.map((d) =>
    `${w.day(d.decidedAt)} · ${w.code('decisionKinds', d.kind)}: ${w.code('decisionOutcomes', d.outcome)} (${d.organisation}). ${d.reason}`));
  list(pdf, w.t('personRecord.pdf.consents'), kase.consents.map((c) =>
    `${w.day(c.recordedAt)} · ${w.code('consentPurposes', c.purpose)}${c.organisation ? ` (${c.organisation})` : ''}: ${w.code('consentStatuses', c.status)}`));
  list(pdf, w.t('personRecord.pdf.referrals'), kase.referrals.map((r) =>
    `${w.day(r.sentAt)} · ${r.from} → ${r.to}: ${r.service ? w.code('services', r.service) : w.code('referralKinds', r.kind)}, ${w.code('referralStatuses', r.status)}${r.message ? `. ${r.message}` : ''}`));
  list(pdf, w.t('personRecord.pdf.screenings'), kase.screenings.map((s) => `${w.day(s.screenedAt)} · ${s.checklist} (${s.organisation})`));
  list(pdf, w.t('personRecord.pdf.documents'), kase.documents.map((d) => `${w.day(d.createdAt)} · ${w.code('documents.types', d.type)} (${d.organisation})`));
  if (kase.records.length > 0) {
    pdf.text(w.t('personRecord.pdf.caseRecord'), { size: 'label', bold: true, colour: '#444444' });
    for (const record of kase.records) {
      const title = `${w.day(String(record.createdAt ?? ''))} · ${w.code('recordKinds', String(record.kind ?? ''))} (${String(record.organisationName ?? '')})`;
      pdf.text(title, { size: 'body', bold: true, indent: 10 });
      writeObject(pdf, w, { data: record.data, notes: record.notes }, 20);
    }
  }
  list(pdf, w.t('personRecord.pdf.heldElsewhere'), kase.heldElsewhere.map((h) => w.t('personRecord.pdf.heldElsewhereLine', { organisation: h.organisation, count: h.count })));
  if (kase.account) {
    writeValue(pdf, w, w.t('personRecord.pdf.account'), { statement: kase.account.statement, situations: kase.account.situations, exploiters: kase.account.exploiters });
  }
  if (kase.profile) writeValue(pdf, w, w.t('personRecord.pdf.profile'), kase.profile);
}

export interface SubjectAccessContext {
  language: DocumentLanguage;
  organisation: string;
  receivedOn: string;
  producedAt: Date;
}

/** The answer to a subject access request: everything held, who holds it, who read it and when, her requests. */
export function subjectAccessPdf(held: HeldRecord, context: SubjectAccessContext): Promise<Buffer> {
  const w = wordsFor(context.language);
  const pdf = createPdf({ language: context.language, title: w.t('personRecord.pdf.sarTitle'), footer: w.t('personRecord.pdf.confidential') });
  pdf.title(w.t('personRecord.pdf.sarTitle'));
  pdf.paragraph(w.t('personRecord.pdf.sarIntro', { organisation: context.organisation, received: context.receivedOn, produced: w.time(context.producedAt) }));
  pdf.paragraph(w.t('personRecord.pdf.freeTextNote'));

  pdf.heading(w.t('personRecord.pdf.identity'));
  pdf.field(w.t('personRecord.pdf.personReference'), held.person.reference);
  for (const field of identityFields) {
    const value = held.identity[field];
    if (value) pdf.field(w.has(`personFields.${field}`) ?? w.t(`personRecord.fields.${field}`), value);
  }
  if (held.person.gender) pdf.field(w.t('personRecord.pdf.gender'), w.code('genders', held.person.gender));
  if (held.person.citizenships.length > 0) pdf.field(w.t('personRecord.pdf.citizenships'), held.person.citizenships.map((c) => w.country(c)).join(', '));
  pdf.field(w.t('personRecord.pdf.child'), w.t(held.person.is_child ? 'personRecord.pdf.yes' : 'personRecord.pdf.no'));

  for (const kase of held.cases) writeCase(pdf, w, kase);

  pdf.heading(w.t('personRecord.pdf.holders'));
  const holders = new Map<string, string[]>();
  for (const h of held.holders) holders.set(h.organisation, [...(holders.get(h.organisation) ?? []), w.t(`personRecord.holding.${h.how}`)]);
  for (const [organisation, how] of holders) pdf.field(organisation, how.join(', '));

  pdf.heading(w.t('personRecord.pdf.reads'));
  pdf.paragraph(w.t('personRecord.pdf.readsIntro'));
  if (held.reads.length === 0) pdf.paragraph(w.t('personRecord.pdf.none'));
  for (const read of held.reads) {
    const roles = read.roles.map((r) => w.code('roles', r)).join(', ');
    const action = w.has(`audit.actions.${auditCodeKey(read.action)}`) ?? read.action;
    pdf.text(`${w.time(read.at)} · ${read.organisation ?? ''} · ${roles} · ${action}`, { size: 'small', after: 1 });
  }

  pdf.heading(w.t('personRecord.pdf.requests'));
  if (held.requests.length === 0) pdf.paragraph(w.t('personRecord.pdf.none'));
  for (const r of held.requests) {
    const answered = r.outcome ? `${w.t(`personRecord.outcomes.${r.outcome}`)} (${w.day(r.answeredAt)})` : w.t('personRecord.pdf.notAnswered');
    pdf.field(`${w.t(`personRecord.kinds.${r.kind}`)} · ${r.receivedOn}`, answered);
  }
  return pdf.finish();
}
