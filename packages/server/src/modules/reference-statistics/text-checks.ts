/**
 * Broken characters in imported text. Two kinds are detected and reported, never repaired:
 * - the replacement character U+FFFD (the original character was lost before the file reached us), and control
 *   characters;
 * - mojibake: UTF-8 bytes that were read as Windows-1252 or Latin-1 somewhere upstream ("CÃ´te" for "Côte"): runs of
 *   characters whose Windows-1252 bytes form a valid multi-byte UTF-8 sequence, which plain accented text
 *   ("Curaçao", "MÉXICO", "Côte d’Ivoire": an accented letter followed by a letter) does not contain.
 */

const REPLACEMENT = '\uFFFD';
// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F]/;

/** Windows-1252 bytes 0x80–0x9F that are printable characters (the rest of 0x00–0xFF is Latin-1). */
const WINDOWS_1252: ReadonlyMap<string, number> = new Map([
  ['€', 0x80], ['‚', 0x82], ['ƒ', 0x83], ['„', 0x84], ['…', 0x85], ['†', 0x86], ['‡', 0x87], ['ˆ', 0x88],
  ['‰', 0x89], ['Š', 0x8a], ['‹', 0x8b], ['Œ', 0x8c], ['Ž', 0x8e], ['‘', 0x91], ['’', 0x92], ['“', 0x93],
  ['”', 0x94], ['•', 0x95], ['–', 0x96], ['—', 0x97], ['˜', 0x98], ['™', 0x99], ['š', 0x9a], ['›', 0x9b],
  ['œ', 0x9c], ['ž', 0x9e], ['Ÿ', 0x9f],
]);

const strictUtf8 = new TextDecoder('utf-8', { fatal: true });

function byteOf(char: string | undefined): number | undefined {
  if (char === undefined) return undefined;
  const code = char.codePointAt(0) ?? 0;
  return code <= 0xff ? code : WINDOWS_1252.get(char);
}

/** How many continuation bytes a UTF-8 lead byte announces (0: not a lead byte). */
function continuationBytes(lead: number): number {
  if (lead >= 0xc2 && lead <= 0xdf) return 1;
  if (lead >= 0xe0 && lead <= 0xef) return 2;
  if (lead >= 0xf0 && lead <= 0xf4) return 3;
  return 0;
}

/**
 * The text mojibake stands for, or undefined when the text holds none: each run of characters whose Windows-1252
 * bytes form one valid multi-byte UTF-8 sequence ("Ã´", "â€™") is decoded; the rest is kept.
 */
export function undoMojibake(text: string): string | undefined {
  if (!/[^\x20-\x7E]/.test(text)) return undefined; // printable ASCII only: nothing to undo
  const chars = Array.from(text);
  let out = '';
  let changed = false;
  let i = 0;
  while (i < chars.length) {
    const lead = byteOf(chars[i]);
    const need = lead === undefined ? 0 : continuationBytes(lead);
    if (lead !== undefined && need > 0) {
      const bytes = [lead];
      for (let k = 1; k <= need; k++) {
        const b = byteOf(chars[i + k]);
        if (b === undefined || b < 0x80 || b > 0xbf) break;
        bytes.push(b);
      }
      if (bytes.length === need + 1) {
        try {
          out += strictUtf8.decode(Uint8Array.from(bytes));
          changed = true;
          i += need + 1;
          continue;
        } catch {
          // not a valid sequence (overlong, surrogate): plain text
        }
      }
    }
    out += chars[i] ?? '';
    i += 1;
  }
  return changed ? out : undefined;
}

export interface BrokenText {
  /** What is wrong, in words, for the report. */
  readonly problem: string;
}

/** Describes what is broken in a text, or undefined when nothing is. */
export function findBrokenCharacters(text: string): BrokenText | undefined {
  const problems: string[] = [];
  if (text.includes(REPLACEMENT)) {
    const n = text.split(REPLACEMENT).length - 1;
    problems.push(
      `${n} replacement character${n > 1 ? 's' : ''} (U+FFFD): the original character${n > 1 ? 's were' : ' was'} lost before the export`,
    );
  }
  if (CONTROL.test(text)) problems.push('control characters');
  const repaired = undoMojibake(text);
  if (repaired !== undefined) problems.push(`UTF-8 read as Windows-1252 (mojibake); probably "${repaired}"`);
  return problems.length > 0 ? { problem: problems.join('; ') } : undefined;
}
