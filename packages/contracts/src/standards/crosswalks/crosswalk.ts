import type { CodeOf, Vocabulary } from '../vocabulary.js';

/**
 * Where a mapping comes from (data-standard.md's tags): `doc` stated by a source, `derived` inferred (e.g. via ISIC),
 * `decision` chosen by the project because the sources leave it open or disagree.
 */
export type Basis = 'doc' | 'derived' | 'decision';

export interface CrosswalkEntry<From extends string, To extends string> {
  readonly from: From;
  /** Target codes: several when one value sets several flags; none when the target has no equivalent. */
  readonly to: readonly To[];
  readonly basis: Basis;
  /** Set when the sources disagree on this value (the reference calls it a conflict or marks it [decision]). */
  readonly conflict?: string;
  /** The choice made and why. Required when `basis` is `decision` or `conflict` is set. */
  readonly decision?: string;
  readonly note?: string;
}

export interface Crosswalk<From extends string = string, To extends string = string> {
  readonly id: string;
  readonly from: Vocabulary;
  readonly to: Vocabulary;
  /** The section of shared/data-standard.md the table comes from. */
  readonly reference: string;
  readonly entries: ReadonlyArray<CrosswalkEntry<From, To>>;
}

/** Declares a crosswalk whose source and target codes are checked against the two vocabularies' code unions. */
export function defineCrosswalk<F extends Vocabulary, T extends Vocabulary>(spec: {
  readonly id: string;
  readonly from: F;
  readonly to: T;
  readonly reference: string;
  readonly entries: ReadonlyArray<CrosswalkEntry<CodeOf<F>, CodeOf<T>>>;
}): Crosswalk<CodeOf<F>, CodeOf<T>> {
  return spec;
}

/** The target codes of one source code (empty when the target has no equivalent or the code is not mapped). */
export function translate<F extends string, T extends string>(crosswalk: Crosswalk<F, T>, code: F): readonly T[] {
  return crosswalk.entries.find((e) => e.from === code)?.to ?? [];
}

/** The target codes of a set of source codes (a multi-select value), each once, in the target vocabulary's order. */
export function translateAll<F extends string, T extends string>(crosswalk: Crosswalk<F, T>, codes: readonly F[]): T[] {
  const wanted = new Set<string>(codes.flatMap((c) => translate(crosswalk, c)));
  return crosswalk.to.codes.map((c) => c.code).filter((c): c is T => wanted.has(c));
}

/** A rule the reference leaves to the project that is not a per-code mapping (combinations, reference dates...). */
export interface StandardDecision {
  readonly id: string;
  /** The section of shared/data-standard.md that raises the question. */
  readonly reference: string;
  readonly question: string;
  readonly decision: string;
}
