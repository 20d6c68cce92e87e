import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import PDFDocument from 'pdfkit';
import { hasArabic, visualRuns, type FontFace, type VisualRun } from './bidi-runs.js';

/**
 * The one way the application writes a PDF: pdfkit (whose fontkit shapes OpenType text, Arabic joining included),
 * the Unicode bidirectional algorithm from bidi-js for the order of right-to-left and left-to-right runs, and the
 * Noto Sans and Noto Sans Arabic faces shipped in packages/server/assets/fonts (SIL Open Font License, beside them).
 * A document is laid out line by line here, so that every line, in either direction, is cut and ordered the same way.
 */
export const fontsDir = join(dirname(fileURLToPath(import.meta.url)), '../../../assets/fonts');

const FACES = {
  latin: { regular: 'NotoSans-Regular.ttf', bold: 'NotoSans-Bold.ttf' },
  arabic: { regular: 'NotoSansArabic-Regular.ttf', bold: 'NotoSansArabic-Bold.ttf' },
} as const;

const fontName = (face: FontFace, bold: boolean): string => `${face}-${bold ? 'bold' : 'regular'}`;

export type PdfLanguage = 'en' | 'fr' | 'ar';

export interface PdfOptions {
  language: PdfLanguage;
  title: string;
  /** Shown at the foot of every page, e.g. "Confidential: personal data". */
  footer?: string;
}

/** The parts of pdfkit's embedded font (a fontkit font, its subset and ToUnicode table) the ligature fix needs. */
interface EmbeddedFont {
  font?: { layout(text: string): { glyphs: { id: number; codePoints: number[] }[] } };
  subset?: { includeGlyph(id: number): number };
  unicode?: Record<number, number[]>;
}

const MARGIN = 50;
const SIZES = { title: 18, heading: 13, label: 9, body: 10.5, small: 8 } as const;
type Size = keyof typeof SIZES;

export interface Style {
  size: Size;
  bold?: boolean;
  colour?: string;
  /** Space left below the block, in points. */
  after?: number;
  indent?: number;
  /** Written where it stands, never carried to a new page (the footer). */
  fixed?: boolean;
}

export class PdfWriter {
  private readonly doc: PDFKit.PDFDocument;
  private readonly direction: 'ltr' | 'rtl';
  private readonly chunks: Buffer[] = [];
  private readonly done: Promise<Buffer>;
  private readonly arabicGlyphs = new Set<string>();

  constructor(private readonly options: PdfOptions) {
    this.direction = options.language === 'ar' ? 'rtl' : 'ltr';
    this.doc = new PDFDocument({
      size: 'A4',
      margin: MARGIN,
      lang: options.language,
      displayTitle: true,
      info: { Title: options.title, Producer: 'Palermo', Creator: 'Palermo' },
      bufferPages: true,
    });
    for (const face of ['latin', 'arabic'] as const) {
      this.doc.registerFont(fontName(face, false), join(fontsDir, FACES[face].regular));
      this.doc.registerFont(fontName(face, true), join(fontsDir, FACES[face].bold));
    }
    this.doc.on('data', (chunk: Buffer) => this.chunks.push(chunk));
    this.done = new Promise((resolve, reject) => {
      this.doc.on('end', () => resolve(Buffer.concat(this.chunks)));
      this.doc.on('error', reject);
    });
  }

  private get width(): number {
    return this.doc.page.width - 2 * MARGIN;
  }

  private arabicHas = (char: string): boolean => {
    if (this.arabicGlyphs.has(char)) return true;
    this.doc.font(fontName('arabic', false));
    // The font object pdfkit keeps for the face is a fontkit font.
    const font = (this.doc as unknown as { _font: { font: { hasGlyphForCodePoint(cp: number): boolean } } })._font.font;
    const has = font.hasGlyphForCodePoint(char.codePointAt(0) ?? 0);
    if (has) this.arabicGlyphs.add(char);
    return has;
  };

  /**
   * Readers (pdf.js, poppler) turn a right-to-left run back into logical order glyph by glyph, so a ligature's
   * letters (lam-alef, lam-yeh) would come out swapped on copy and paste: their text is recorded reversed.
   */
  private recordLigatureText(text: string): void {
    const embedded = (this.doc as unknown as { _font: EmbeddedFont })._font;
    if (!embedded.font || !embedded.subset || !embedded.unicode) return;
    for (const glyph of embedded.font.layout(text).glyphs) {
      if (glyph.codePoints.length < 2) continue;
      const id = embedded.subset.includeGlyph(glyph.id);
      embedded.unicode[id] ??= [...glyph.codePoints].reverse();
    }
  }

  private runsWidth(runs: VisualRun[], style: Style): number {
    let total = 0;
    for (const run of runs) {
      this.doc.font(fontName(run.face, style.bold ?? false)).fontSize(SIZES[style.size]);
      total += this.doc.widthOfString(run.text, { features: [] });
    }
    return total;
  }

  private measure(line: string, style: Style): number {
    return this.runsWidth(visualRuns(line, this.direction, this.arabicHas), style);
  }

  /** Greedy line breaking at spaces; a word wider than the line is cut between characters. */
  private wrap(text: string, style: Style): string[] {
    const available = this.width - (style.indent ?? 0);
    const lines: string[] = [];
    for (const paragraph of text.split(/\r?\n/u)) {
      let line = '';
      for (const word of paragraph.split(/ +/u)) {
        const candidate = line === '' ? word : `${line} ${word}`;
        if (this.measure(candidate, style) <= available) {
          line = candidate;
          continue;
        }
        if (line !== '') lines.push(line);
        line = '';
        let piece = '';
        for (const char of word) {
          if (piece !== '' && this.measure(piece + char, style) > available) {
            lines.push(piece);
            piece = '';
          }
          piece += char;
        }
        line = piece;
      }
      lines.push(line);
    }
    return lines;
  }

  private lineHeight(style: Style): number {
    return SIZES[style.size] * 1.45;
  }

  /** Starts a new page unless this many points are left on the current one (to keep a label with its value). */
  keepRoom(height: number): this {
    this.ensureRoom(height);
    return this;
  }

  private ensureRoom(height: number): void {
    if (this.doc.y + height > this.doc.page.height - MARGIN - 20) {
      this.doc.addPage();
      this.doc.y = MARGIN;
    }
  }

  /** Writes a block of text in the document's direction, wrapped to the page and continued on the next page. */
  text(text: string, style: Style): this {
    const height = this.lineHeight(style);
    for (const line of this.wrap(text, style)) {
      if (!style.fixed) this.ensureRoom(height);
      const runs = visualRuns(line, this.direction, this.arabicHas);
      const lineWidth = this.runsWidth(runs, style);
      const indent = style.indent ?? 0;
      let x = this.direction === 'rtl' ? MARGIN + this.width - indent - lineWidth : MARGIN + indent;
      const y = this.doc.y;
      for (const run of runs) {
        this.doc
          .font(fontName(run.face, style.bold ?? false))
          .fontSize(SIZES[style.size])
          .fillColor(style.colour ?? '#000000');
        if (run.face === 'arabic' && hasArabic(run.text)) this.recordLigatureText(run.text);
        this.doc.text(run.text, x, y, { lineBreak: false, features: [] });
        x += this.doc.widthOfString(run.text, { features: [] });
      }
      this.doc.y = y + height;
    }
    this.doc.y += style.after ?? 0;
    return this;
  }

  title(text: string): this {
    return this.text(text, { size: 'title', bold: true, after: 6 });
  }

  heading(text: string): this {
    this.ensureRoom(this.lineHeight({ size: 'heading' }) * 3);
    this.doc.y += 8;
    this.text(text, { size: 'heading', bold: true, after: 2 });
    const y = this.doc.y;
    this.doc.moveTo(MARGIN, y).lineTo(MARGIN + this.width, y).lineWidth(0.5).strokeColor('#888888').stroke();
    this.doc.y = y + 6;
    return this;
  }

  /** A label and its value, the label small above the value. An empty value is written as `empty`. */
  field(label: string, value: string, empty = '—'): this {
    this.ensureRoom(this.lineHeight({ size: 'label' }) + this.lineHeight({ size: 'body' }));
    this.text(label, { size: 'label', bold: true, colour: '#444444' });
    return this.text(value.trim() === '' ? empty : value, { size: 'body', after: 4 });
  }

  paragraph(text: string): this {
    return this.text(text, { size: 'body', after: 6 });
  }

  note(text: string): this {
    return this.text(text, { size: 'small', colour: '#444444', after: 4 });
  }

  /** Ends the document: the footer on every page, then the bytes. */
  async finish(): Promise<Buffer> {
    const range = this.doc.bufferedPageRange();
    for (let index = range.start; index < range.start + range.count; index += 1) {
      this.doc.switchToPage(index);
      const footer = `${this.options.footer ?? ''}  ${index + 1}/${range.count}`.trim();
      const bottom = this.doc.page.height - MARGIN + 4;
      const saved = this.doc.page.margins.bottom;
      this.doc.page.margins.bottom = 0;
      this.doc.y = bottom;
      this.text(footer, { size: 'small', colour: '#666666', fixed: true });
      this.doc.page.margins.bottom = saved;
    }
    this.doc.end();
    return this.done;
  }
}

export const createPdf = (options: PdfOptions): PdfWriter => new PdfWriter(options);
