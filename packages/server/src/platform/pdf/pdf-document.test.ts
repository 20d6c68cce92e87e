import { join } from 'node:path';
import * as fontkit from 'fontkit';
import { describe, expect, it } from 'vitest';
import { visualRuns } from './bidi-runs.js';
import { createPdf, fontsDir } from './pdf-document.js';
import { pdfPages, pdfText } from './pdf-text.test-support.js';

const arabicFont = fontkit.openSync(join(fontsDir, 'NotoSansArabic-Regular.ttf')) as fontkit.Font;
const arabicHas = (char: string): boolean => arabicFont.hasGlyphForCodePoint(char.codePointAt(0) ?? 0);

describe('the PDF writer', () => {
  it('writes English and French text a reader reads back', async () => {
    const pdf = createPdf({ language: 'fr', title: 'Résumé', footer: 'Confidentiel' });
    pdf.title('Résumé du dossier');
    pdf.field('Prénom', 'Élodie Çağlar');
    pdf.field('Notes', '');
    const text = await pdfText(await pdf.finish());
    expect(text).toContain('Résumé du dossier');
    expect(text).toContain('Élodie Çağlar');
    expect(text).toContain('Confidentiel 1/1');
  });

  it('writes Arabic joined, right to left, with its ligatures read back as written', async () => {
    const pdf = createPdf({ language: 'ar', title: 'طلب' });
    pdf.title('طلب الوصول إلى البيانات الشخصية');
    pdf.field('الاسم', 'سلام عليكم');
    const text = await pdfText(await pdf.finish());
    // lam-alef (الاسم) and lam-yeh (إلى) are single glyphs: their letters come back in order.
    expect(text).toContain('طلب الوصول إلى البيانات الشخصية');
    expect(text).toContain('الاسم');
    expect(text).toContain('سلام عليكم');
  });

  it('shapes Arabic with the shipped font: letters take their joined forms', () => {
    const font = arabicFont;
    const word = 'سلم';
    const shaped = font.layout(word).glyphs.map((glyph) => glyph.id);
    const isolated = [...word].map((char) => font.glyphForCodePoint(char.codePointAt(0) ?? 0).id);
    // Laid out right to left: the final meem first, the initial seen last; none in its isolated form.
    expect(shaped).toHaveLength(3);
    expect(shaped.reverse().every((id, index) => id !== isolated[index])).toBe(true);
  });

  it('orders a case number and a Latin name inside Arabic text as the bidirectional algorithm says', () => {
    const runs = visualRuns('القضية PAL-2026-000001 للسيدة Maria', 'rtl', arabicHas).filter((run) => run.text.trim() !== '');
    // Drawn left to right: the Latin name (at the logical end) leftmost, the first Arabic word rightmost.
    expect(runs.map((run) => run.text.trim())).toEqual(['Maria', 'للسيدة', 'PAL-2026-000001', 'القضية']);
    expect(runs.map((run) => run.face)).toEqual(['latin', 'arabic', 'latin', 'arabic']);
  });

  it('keeps left-to-right text as it is in an English document, and mirrors brackets in right-to-left runs', () => {
    expect(visualRuns('Case PAL-1 (open)', 'ltr', arabicHas)).toEqual([{ text: 'Case PAL-1 (open)', face: 'latin' }]);
    // The Arabic face has no brackets: they are Latin runs, drawn reversed and mirrored around the Arabic word.
    expect(visualRuns('(مفتوح)', 'rtl', arabicHas)).toEqual([
      { text: '(', face: 'latin' },
      { text: 'مفتوح', face: 'arabic' },
      { text: ')', face: 'latin' },
    ]);
  });

  it('carries long text over to new pages, numbered', async () => {
    const pdf = createPdf({ language: 'en', title: 'Long', footer: 'Personal data' });
    for (let index = 0; index < 120; index += 1) pdf.field(`Entry ${index}`, `Value number ${index}`);
    const pages = await pdfPages(await pdf.finish());
    expect(pages.length).toBeGreaterThan(1);
    expect(pages[0]).toContain(`Personal data 1/${pages.length}`);
    expect(pages.join('\n')).toContain('Value number 119');
  });
});
