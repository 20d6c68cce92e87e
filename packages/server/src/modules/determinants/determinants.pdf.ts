import type { AssessmentView, DocumentLanguage } from '@palermo/contracts';
import { createPdf } from '../../platform/pdf/pdf-document.js';
import { wordsFor } from '../person-record/labels.js';

/**
 * An assessment as a document in the language chosen (the application's one PDF writer, Arabic shaped right to
 * left): the country and period, then each determinant recorded with its direction, strength, typology, the
 * determinants it influences and the evidence, in the framework's order, with the words the web app shows.
 */
export async function assessmentPdf(view: AssessmentView, language: DocumentLanguage): Promise<Buffer> {
  const w = wordsFor(language);
  const sep = language === 'ar' ? '، ' : ', ';
  const determinant = (code: string) => w.code('determinants.codes', code);
  const pdf = createPdf({ language, title: view.title ?? w.t('determinants.title'), footer: w.t('determinants.title') });
  pdf.title(view.title ?? w.t('determinants.title'));
  pdf.field(w.t('determinants.country'), view.country ?? '');
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
  return pdf.finish();
}
