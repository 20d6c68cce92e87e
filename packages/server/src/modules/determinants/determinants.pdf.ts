import { checklistItems, checklistSummary, type AssessmentView, type DocumentLanguage } from '@palermo/contracts';
import { createPdf } from '../../platform/pdf/pdf-document.js';
import { wordsFor } from '../person-record/labels.js';

/**
 * An assessment as a document in the language chosen (the application's one PDF writer, Arabic shaped right to
 * left): the country and period, then each determinant recorded with its direction, strength, typology, the
 * determinants it influences and the evidence, in the framework's order, with the words the web app shows; then the
 * checklist of the research's recommendations by audience, each audience's summary and each item's score and note.
 */
export async function assessmentPdf(view: AssessmentView, language: DocumentLanguage): Promise<Buffer> {
  const w = wordsFor(language);
  const sep = language === 'ar' ? '، ' : ', ';
  const determinant = (code: string) => w.code('determinants.codes', code);
  const pdf = createPdf({ language, title: view.title ?? w.t('determinants.title'), footer: w.t('determinants.title') });
  pdf.title(view.title ?? w.t('determinants.title'));
  // The country by its name in the document's language (an ISO code from the form; a name typed earlier, as typed).
  pdf.field(w.t('determinants.country'), w.country(view.country));
  pdf.field(w.t('determinants.period'), w.t('determinants.periodRange', { from: w.day(view.periodFrom), to: w.day(view.periodTo) }));
  const entries = view.entries ?? [];
  if (entries.length === 0) pdf.paragraph(w.t('determinants.noEntries'));
  for (const e of entries) {
    pdf.heading(determinant(e.determinant));
    pdf.field(w.t('determinants.direction'), w.code('determinants.directions', e.direction));
    pdf.field(w.t('determinants.activity'), w.code('determinants.activities', e.activity));
    pdf.field(w.t('determinants.strength'), w.code('determinants.strengths', e.strength));
    pdf.field(w.t('determinants.typologyLabel'), Object.values(e.typology).map((code) => w.code('determinants.typology', code)).join(sep));
    pdf.field(w.t('determinants.influences'), e.influences.map(determinant).join(sep), w.t('determinants.influencesNone'));
    pdf.field(w.t('determinants.evidence'), e.evidence);
  }
  checklistSection(pdf, view, w);
  return pdf.finish();
}

type Words = ReturnType<typeof wordsFor>;

/** The checklist, audience by audience: the summary, then every item with its score (or not scored) and note. */
function checklistSection(pdf: ReturnType<typeof createPdf>, view: AssessmentView, w: Words): void {
  const scores = view.checklist ?? [];
  const byItem = new Map(scores.map((s) => [s.item, s] as const));
  pdf.heading(w.t('determinants.checklist.title'));
  for (const summary of checklistSummary(scores)) {
    pdf.heading(w.t(`determinants.checklist.audiences.${summary.audience}`));
    pdf.paragraph(w.t('determinants.checklist.summary', { met: summary.met, partly: summary.partly_met, notMet: summary.not_met, notApplicable: summary.not_applicable, unscored: summary.unscored, items: summary.items }));
    for (const item of checklistItems.filter((i) => i.audience === summary.audience)) {
      const scored = byItem.get(item.code);
      if (item.withdrawnIn !== undefined && !scored) continue;
      const score = scored ? w.t(`determinants.checklist.scores.${scored.score}`) : w.t('determinants.checklist.unscored');
      pdf.field(w.t(`determinants.checklist.items.${item.code}`), scored?.note ? `${score}: ${scored.note}` : score);
    }
  }
}
