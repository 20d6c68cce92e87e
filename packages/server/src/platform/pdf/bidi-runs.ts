import bidiFactory from 'bidi-js';

/**
 * One line of text cut into runs to draw left to right: each run has one font and, when it runs right to left, is
 * either Arabic-script text (which the font's shaper joins and lays out right to left itself) or already reversed
 * with its brackets mirrored. The order of the runs is the Unicode bidirectional algorithm's (rule L2), so a line
 * of Arabic with a case number or an English name in it reads as it is written.
 */
export type FontFace = 'latin' | 'arabic';

export interface VisualRun {
  text: string;
  face: FontFace;
}

const bidi = bidiFactory();

/** Arabic, Arabic Supplement, Extended-A and the presentation forms. */
const ARABIC = /[\u0600-\u06FF\u0750-\u077F\u08A0-\u08FF\uFB50-\uFDFF\uFE70-\uFEFF]/u;
const STRONG_LATIN = /\p{L}/u;

export const isArabicChar = (char: string): boolean => ARABIC.test(char);

export const hasArabic = (text: string): boolean => ARABIC.test(text);

/**
 * The face for each character: Arabic letters in the Arabic face, other letters in the Latin face, and neutral
 * characters (spaces, digits, punctuation) in the face of the letter before them, when that face has a glyph for
 * them, so that a phrase stays one run and joins as one.
 */
function facesOf(chars: readonly string[], arabicHas: (char: string) => boolean): FontFace[] {
  const faces: FontFace[] = [];
  let previous: FontFace = 'latin';
  for (const char of chars) {
    let face: FontFace;
    if (isArabicChar(char)) face = 'arabic';
    else if (STRONG_LATIN.test(char)) face = 'latin';
    else face = previous === 'arabic' && arabicHas(char) ? 'arabic' : 'latin';
    faces.push(face);
    previous = face;
  }
  return faces;
}

interface LogicalRun {
  text: string;
  face: FontFace;
  level: number;
}

function reverseMirrored(text: string): string {
  return [...text]
    .reverse()
    .map((char) => bidi.getMirroredCharacter(char) ?? char)
    .join('');
}

/** Rule L2: from the highest level down to the lowest odd one, reverse every sequence of runs at that level or above. */
function visualOrder(runs: LogicalRun[]): LogicalRun[] {
  if (runs.length === 0) return runs;
  const ordered = [...runs];
  const highest = Math.max(...ordered.map((run) => run.level));
  const lowestOdd = Math.min(...ordered.map((run) => (run.level % 2 === 1 ? run.level : run.level + 1)));
  for (let level = highest; level >= lowestOdd; level -= 1) {
    let start = 0;
    while (start < ordered.length) {
      if ((ordered[start]?.level ?? 0) >= level) {
        let end = start;
        while (end + 1 < ordered.length && (ordered[end + 1]?.level ?? 0) >= level) end += 1;
        const reversed = ordered.slice(start, end + 1).reverse();
        ordered.splice(start, reversed.length, ...reversed);
        start = end + 1;
      } else start += 1;
    }
  }
  return ordered;
}

/**
 * Cuts one line (no line breaks in it) into runs in the order they are drawn, left to right. `direction` is the
 * paragraph's base direction: the document's language.
 */
export function visualRuns(
  line: string,
  direction: 'ltr' | 'rtl',
  arabicHas: (char: string) => boolean,
): VisualRun[] {
  if (line.length === 0) return [];
  const { levels } = bidi.getEmbeddingLevels(line, direction);
  const chars = [...line];
  const faces = facesOf(chars, arabicHas);
  const runs: LogicalRun[] = [];
  let offset = 0;
  chars.forEach((char, index) => {
    const level = levels[offset] ?? 0;
    offset += char.length;
    const face = faces[index] ?? 'latin';
    const last = runs[runs.length - 1];
    if (last && last.level === level && last.face === face) last.text += char;
    else runs.push({ text: char, face, level });
  });
  return visualOrder(runs).map((run) => {
    if (run.level % 2 === 0) return { text: run.text, face: run.face };
    // The shaper lays Arabic script out right to left by itself; anything else in a right-to-left run is reversed here.
    return { text: hasArabic(run.text) ? run.text : reverseMirrored(run.text), face: run.face };
  });
}
