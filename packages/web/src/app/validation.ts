import type { FieldIssue, Schema } from './api';

/**
 * Client-side validation with the shared contract schemas, so that the browser and the server agree on what is
 * valid. Issues are reduced to the same plain-English "problem" phrases the server sends; errors.ts translates them.
 */
export type Validation<T> = { ok: true; data: T } | { ok: false; issues: FieldIssue[] };

export interface LooseIssue {
  code?: unknown;
  path?: unknown;
  message?: unknown;
  minimum?: unknown;
  maximum?: unknown;
  format?: unknown;
  origin?: unknown;
  params?: unknown;
}

const knownProblems = [
  /^is required$/,
  /^must be at least \d+ characters$/,
  /^must be at most \d+ characters$/,
  /^must be an e-mail address$/,
  /^must be six digits$/,
  /^must name at least one role$/,
];

/** The contract's own phrase for a problem, when it wrote one (zod's defaults start with "Invalid"). */
function contractWords(message: string): string | undefined {
  return message !== '' && !/^Invalid\b/.test(message) ? message : undefined;
}

/** A zod issue in the server's plain-English words ("is required", "must be an e-mail address"); errors.ts translates them. */
export function problemOf(issue: LooseIssue): string {
  const message = typeof issue.message === 'string' ? issue.message : '';
  if (knownProblems.some((pattern) => pattern.test(message))) return message;
  const limit = (value: unknown): number => (typeof value === 'number' ? value : Number(value));
  switch (issue.code) {
    case 'too_small':
      if (issue.origin === 'array') return 'must choose at least one';
      return limit(issue.minimum) <= 1 ? 'is required' : `must be at least ${limit(issue.minimum)} characters`;
    case 'too_big':
      return `must be at most ${limit(issue.maximum)} characters`;
    case 'invalid_format':
      if (issue.format === 'email') return 'must be an e-mail address';
      if (issue.format === 'uuid') return 'must be a valid identifier';
      // A format the contract explains in its own words (a phone number, a country code, a date): keep them.
      return contractWords(message) ?? 'is not valid';
    case 'invalid_value':
      return 'must be one of the listed options';
    case 'invalid_type':
      return 'is required';
    default:
      return message || 'is not valid';
  }
}

function fieldOf(path: unknown): string {
  if (!Array.isArray(path)) return '';
  return path.filter((segment) => typeof segment === 'string').join('.');
}

/** The stable code a contract's refinement names (`params: { code, ... }`) and its string params, as the server sends them. */
function codeOf(params: unknown): Pick<FieldIssue, 'code' | 'params'> {
  if (typeof params !== 'object' || params === null) return {};
  const { code, ...rest } = params as Record<string, unknown>;
  if (typeof code !== 'string') return {};
  const words = Object.fromEntries(Object.entries(rest).filter((entry): entry is [string, string] => typeof entry[1] === 'string'));
  return Object.keys(words).length > 0 ? { code, params: words } : { code };
}

export function validate<T>(schema: Schema<T>, input: unknown): Validation<T> {
  const result = schema.safeParse(input);
  if (result.success) return { ok: true, data: result.data };
  const raw: unknown = typeof result.error === 'object' && result.error !== null ? Reflect.get(result.error, 'issues') : [];
  const issues: FieldIssue[] = [];
  for (const item of Array.isArray(raw) ? (raw as unknown[]) : []) {
    if (typeof item !== 'object' || item === null) continue;
    const issue = item as LooseIssue;
    const field = fieldOf(issue.path);
    // One message per field is enough.
    if (issues.some((existing) => existing.field === field)) continue;
    issues.push({ field, problem: problemOf(issue), ...codeOf(issue.params) });
  }
  return { ok: false, issues };
}

/**
 * Finds which of a form's fields an issue belongs to. Tolerates the server naming a field by its full path
 * ("admin.email"), its last segment ("email") or with an array index ("roles.0").
 */
export function matchField(fields: readonly string[], issueField: string): string | undefined {
  const normalised = issueField
    .split(/[.[\]/]+/)
    .filter((segment) => segment !== '' && !/^\d+$/.test(segment))
    .join('.');
  if (fields.includes(normalised)) return normalised;
  return (
    fields.find((field) => normalised !== '' && field.endsWith(`.${normalised}`)) ??
    fields.find((field) => normalised.endsWith(`.${field}`))
  );
}

/**
 * The problems held in react-hook-form's errors object (nested by the fields' paths), as field issues: the dotted
 * path of each field, its message, and the code and params of the issue when it named them.
 */
export function fieldProblems(errors: unknown, path: readonly string[] = []): FieldIssue[] {
  if (typeof errors !== 'object' || errors === null) return [];
  const message: unknown = Reflect.get(errors, 'message');
  if (typeof message === 'string' && typeof Reflect.get(errors, 'type') === 'string') {
    // The code and params an issue named, kept beside the message (useForm.ts puts them there).
    const code: unknown = Reflect.get(errors, 'code');
    const params: unknown = Reflect.get(errors, 'params');
    const words = typeof params === 'object' && params !== null ? Object.fromEntries(Object.entries(params).filter((entry): entry is [string, string] => typeof entry[1] === 'string')) : undefined;
    return [{ field: path.join('.'), problem: message, ...(typeof code === 'string' ? { code } : {}), ...(words ? { params: words } : {}) }];
  }
  return Object.entries(errors).flatMap(([key, value]) => (key === 'ref' ? [] : fieldProblems(value, [...path, key])));
}
