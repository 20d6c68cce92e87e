/**
 * Code lists of the field's data standards as data: every value with its exact code (typos included, as the source
 * writes it) and its label. The source of truth is shared/data-standard.md; each vocabulary names the document it
 * comes from and the section of that reference.
 */

/** One value of a code list. */
export interface Code {
  /** The value as stored or exchanged: an HTCDS value name, a CTDC column or value, a GLOTIP text. */
  readonly code: string;
  /** The value as a person reads it (the source's label, or a paraphrase where the source gives none). */
  readonly label: string;
  /** What the value means, paraphrased from the source, where the source defines it. */
  readonly definition?: string;
  /** `deprecated`: listed by the source but no longer to be written. `extension`: added by Palermo (a decision). */
  readonly status?: 'deprecated' | 'extension' | 'variant';
}

export type Standard = 'HTCDS' | 'CTDC' | 'GLOTIP' | 'SDG' | 'Palermo';

export interface Vocabulary {
  /** Stable identifier, `standard.field` (`htcds.prs_Gender`, `ctdc2024.columns`, `glotip.Sex`). */
  readonly id: string;
  readonly standard: Standard;
  /** Version of the standard or edition of the data set the list belongs to. */
  readonly version: string;
  /** Where the codes come from (document, file, and the section of shared/data-standard.md). */
  readonly source: string;
  /** The field or column that holds these codes, where there is one. */
  readonly field?: string;
  /** True for multi-select fields: a record holds a set of these codes. */
  readonly multiple?: boolean;
  readonly note?: string;
  readonly codes: readonly Code[];
}

/** The union of the codes of a vocabulary declared `as const`. */
export type CodeOf<V extends Vocabulary> = V['codes'][number]['code'];

export function codesOf<V extends Vocabulary>(vocabulary: V): Array<CodeOf<V>> {
  return vocabulary.codes.map((c) => c.code as CodeOf<V>);
}

export function isCodeOf<V extends Vocabulary>(vocabulary: V, value: string): value is CodeOf<V> {
  return vocabulary.codes.some((c) => c.code === value);
}

export function labelOf(vocabulary: Vocabulary, code: string): string | undefined {
  return vocabulary.codes.find((c) => c.code === code)?.label;
}

/**
 * The code of a label, for files that store labels instead of codes (the HTCDS Excel validation sheet, ODS labels
 * with a trailing space): surrounding spaces and case are ignored; undefined when no label matches.
 */
export function codeOfLabel<V extends Vocabulary>(vocabulary: V, label: string): CodeOf<V> | undefined {
  const wanted = label.trim().toLowerCase();
  return vocabulary.codes.find((c) => c.label.trim().toLowerCase() === wanted)?.code as CodeOf<V> | undefined;
}
