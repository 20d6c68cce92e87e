import { namesOffenceConvicted, type DocumentLanguage, type SherlocBrief } from '@palermo/contracts';
import { createPdf } from '../../platform/pdf/pdf-document.js';
import { wordsFor, type Words } from '../person-record/labels.js';

type Money = { currency: string; amount: number };

/** Digits of a currency's minor unit (2 for EUR, 0 for JPY), from the platform's Intl data. */
const minorDigits = (currency: string): number => {
  try {
    return new Intl.NumberFormat('en', { style: 'currency', currency }).resolvedOptions().maximumFractionDigits ?? 2;
  } catch {
    return 2;
  }
};
/** An amount with its currency code; `minor`: the amount is in minor units (compensation claims). */
const money = (m: Money, minor: boolean) => {
  const digits = minorDigits(m.currency);
  const value = minor ? m.amount / 10 ** digits : m.amount;
  return `${value.toFixed(minor ? digits : Number.isInteger(value) ? 0 : 2)} ${m.currency}`;
};
const amounts = (w: Words, list: readonly Money[], minor: boolean) => (list.length === 0 ? w.t('caseBrief.noneRecorded') : list.map((m) => money(m, minor)).join('; '));
const sep = (w: Words) => (w.language === 'ar' ? '، ' : ', ');
const list = (w: Words, codes: readonly string[], vocabulary: string) => codes.map((c) => w.code(vocabulary, c)).join(sep(w));

/** The brief as a PDF in the language chosen: SHERLOC's fields with the application's words; identities were never read. */
export async function briefPdf(brief: SherlocBrief, language: DocumentLanguage): Promise<Buffer> {
  const w = wordsFor(language);
  const pdf = createPdf({ language, title: w.t('caseBrief.pdfTitle'), footer: w.t('caseBrief.footer') });
  pdf.title(w.t('caseBrief.pdfTitle'));
  pdf.note(brief.text.status === 'approved_for_publication' && brief.text.approvedOn ? w.t('caseBrief.approvedNote', { date: brief.text.approvedOn }) : w.t('caseBrief.draftNote'));

  pdf.heading(w.t('caseBrief.theCase'));
  pdf.field(w.t('caseBrief.caseName'), brief.caseName);
  pdf.field(w.t('caseBrief.caseNumber'), brief.caseNumber);
  pdf.field(w.t('caseBrief.reference'), brief.reference);
  pdf.field(w.t('caseBrief.country'), w.country(brief.country));
  pdf.field(w.t('caseBrief.years'), brief.years.join(sep(w)));
  pdf.field(w.t('caseBrief.courts'), brief.courts.map((c) => `${w.t(`caseBrief.courtLevels.${c.level}`)}${c.name ? `: ${c.name}` : ''}`).join(sep(w)));
  pdf.field(w.t('caseBrief.legalProvisions'), brief.legalProvisions.map((p) => `${p.provision} (${w.code('prosecution.categories', p.category)})`).join('; '));

  pdf.heading(w.t('caseBrief.protocolElements'));
  pdf.field(w.t('prosecution.protocolActs'), list(w, brief.protocol.acts, 'prosecution.acts'));
  pdf.field(w.t('prosecution.protocolMeans'), list(w, brief.protocol.means, 'prosecution.means'));
  pdf.field(w.t('prosecution.protocolPurposes'), list(w, brief.protocol.purposes, 'prosecution.purposes'));
  pdf.field(w.t('prosecution.formsOfExploitation'), list(w, brief.formsOfExploitation, 'exploitation'));
  pdf.field(w.t('caseBrief.countries'), brief.countries.map((c) => `${w.code('prosecution.stages', c.stage)}: ${w.country(c.country)}`).join(sep(w)));

  pdf.heading(w.t('caseBrief.victims'));
  pdf.field(w.t('caseBrief.victimsTotal'), String(brief.victims.total));
  pdf.field(w.t('caseBrief.bySex'), brief.victims.bySex.map((s) => `${w.t(`caseBrief.sexes.${s.sex}`)}: ${s.count}`).join(sep(w)));
  pdf.field(w.t('caseBrief.byAgeGroup'), brief.victims.byAgeGroup.map((a) => `${w.t(`caseBrief.ageGroups.${a.ageGroup}`)}: ${a.count}`).join(sep(w)));

  pdf.heading(w.t('caseBrief.defendants'));
  if (brief.defendants.length === 0) pdf.paragraph(w.t('caseBrief.noneRecorded'));
  for (const [index, d] of brief.defendants.entries()) {
    pdf.keepRoom(80).text(w.t('caseBrief.defendant', { n: index + 1 }), { size: 'body', bold: true, after: 2 });
    pdf.field(w.t('caseBrief.profile'), [
      w.t(`caseBrief.sexes.${d.sex}`),
      d.ageAtOffence === null ? '' : w.t('caseBrief.age', { age: d.ageAtOffence }),
      d.citizenships.map((c) => w.country(c)).join(sep(w)),
      list(w, d.roles, 'prosecution.suspectRoles'),
    ].filter((part) => part !== '').join(sep(w)));
    pdf.field(w.t('caseBrief.charges'), d.charges.map((c) => w.t('caseBrief.chargeLine', { date: c.date, provision: c.provision, category: w.code('prosecution.categories', c.category) })).join('; '), w.t('caseBrief.noneRecorded'));
    pdf.field(w.t('caseBrief.verdicts'), d.verdicts.map((v) => [
      w.t('caseBrief.verdictLine', { date: v.date, outcome: w.code('prosecution.verdicts', v.outcome), charged: v.provisionCharged }),
      namesOffenceConvicted(v) ? w.t('caseBrief.convictedOf', { provision: v.provisionConvicted ?? '', category: w.code('prosecution.categories', v.categoryConvicted) }) : '',
      v.downgraded ? w.t('caseBrief.downgraded') : '',
    ].filter((p) => p !== '').join(' ')).join('; '), w.t('caseBrief.noneRecorded'));
    pdf.field(w.t('caseBrief.sentences'), d.sentences.map((s) => [
      w.t(s.suspended ? 'caseBrief.sentenceSuspended' : 'caseBrief.sentenceLine', { date: s.date, months: s.custodialMonths }),
      s.probationMonths ? w.t('caseBrief.probation', { months: s.probationMonths }) : '',
      s.fineAmount !== null && s.currency ? w.t('caseBrief.fine', { amount: money({ amount: s.fineAmount, currency: s.currency }, false) }) : '',
    ].filter((p) => p !== '').join(sep(w))).join('; '), w.t('caseBrief.noneRecorded'));
    pdf.field(w.t('caseBrief.appeals'), d.appeals.map((a) => w.t('caseBrief.appealLine', {
      date: a.date, appellant: w.code('prosecution.appellants', a.appellant),
      outcome: a.outcome ? `${w.code('prosecution.appealOutcomes', a.outcome)} (${a.decidedOn ?? ''})` : w.t('caseBrief.appealPending'),
    })).join('; '), w.t('caseBrief.noneRecorded'));
  }

  pdf.heading(w.t('caseBrief.compensation'));
  pdf.field(w.t('caseBrief.ordered'), amounts(w, brief.compensation.ordered, true));
  pdf.field(w.t('caseBrief.paid'), amounts(w, brief.compensation.paid, true));
  pdf.field(w.t('caseBrief.assetsConfiscated'), amounts(w, brief.compensation.assetsConfiscated, false));
  pdf.field(w.t('caseBrief.assetsPaid'), amounts(w, brief.compensation.assetsPaidAsCompensation, false));

  for (const [heading, text] of [['caseBrief.factSummary', brief.text.factSummary], ['caseBrief.commentary', brief.text.commentary]] as const) {
    pdf.heading(w.t(heading));
    const paragraphs = text.split(/\n+/u).map((p) => p.trim()).filter((p) => p !== '');
    if (paragraphs.length === 0) pdf.paragraph(w.t('caseBrief.notWritten'));
    for (const paragraph of paragraphs) pdf.paragraph(paragraph);
  }
  return pdf.finish();
}
