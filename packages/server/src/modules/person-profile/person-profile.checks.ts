import countries from 'i18n-iso-countries';
import type { z } from 'zod';
import { HttpError } from '../../platform/http/errors.js';

/** A problem with one field of a request, named by its dotted path. */
export interface FieldProblem {
  readonly field: string;
  readonly problem: string;
}

/** The 400 every bad correction answers, naming each bad field; nothing has been written when it is thrown. */
export function validationFailed(problems: readonly FieldProblem[]): HttpError {
  return new HttpError(400, 'validation', problems.map((p) => `${p.field}: ${p.problem}`).join('; '), problems);
}

export function zodProblems(error: z.ZodError, prefix: string): FieldProblem[] {
  return error.issues.map((issue) => ({ field: [prefix, ...issue.path.map(String)].filter(Boolean).join('.'), problem: issue.message }));
}

/** Kosovo writes XK in the field's data (no ISO code yet). */
const userAssigned = new Set(['XK']);

export function isAssignedCountry(code: string): boolean {
  return userAssigned.has(code) || countries.isValid(code);
}

const languageNames = new Intl.DisplayNames(['en'], { type: 'language', fallback: 'none' });

/** A language code that names a language (ICU's list, the one the browsers' language names come from). */
export function isKnownLanguage(code: string): boolean {
  try {
    return languageNames.of(code) !== undefined;
  } catch {
    return false;
  }
}

/** Today's date in UTC as YYYY-MM-DD: ISO dates compare as text, so a later string is a later day. */
const today = (): string => new Date().toISOString().slice(0, 10);

/**
 * The checks a code list cannot express in the contract: well-formed country codes that are not assigned, language
 * codes no language has, and dates in the future where a past event is meant. Walks a section value by the names
 * of its fields.
 */
export function semanticProblems(value: unknown, prefix: string): FieldProblem[] {
  const problems: FieldProblem[] = [];
  const visit = (node: unknown, path: string, key: string) => {
    if (Array.isArray(node)) {
      node.forEach((item, index) => visit(item, `${path}.${index}`, key));
      return;
    }
    if (node !== null && typeof node === 'object') {
      for (const [k, v] of Object.entries(node)) visit(v, path ? `${path}.${k}` : k, k);
      return;
    }
    if (typeof node !== 'string') return;
    if (/country$/i.test(key) && !isAssignedCountry(node)) problems.push({ field: path, problem: 'is not an assigned ISO 3166-1 country code' });
    if ((key === 'languages' || /Language$/.test(key)) && !isKnownLanguage(node)) problems.push({ field: path, problem: 'is not a known language code' });
    if (/On$/.test(key) && node > today()) problems.push({ field: path, problem: 'must not be in the future' });
  };
  visit(value, prefix, '');
  return problems;
}
