import { z } from 'zod';

export const uuid = z.uuid();
export const isoDateTime = z.iso.datetime({ offset: true });
export const isoDate = z.iso.date();

/**
 * Every 400 response: a machine-readable list of what was wrong and where. An issue may carry a stable `code` (a
 * module's own vocabulary, e.g. stepRefusalCodes) and the `params` that word it, for a client that translates by code.
 */
export const validationErrorBody = z.object({
  error: z.literal('validation'),
  message: z.string(),
  issues: z.array(z.object({ field: z.string(), problem: z.string(), code: z.string().optional(), params: z.record(z.string(), z.string()).optional() })),
});
export type ValidationErrorBody = z.infer<typeof validationErrorBody>;

/** Every other error response. */
export const errorBody = z.object({
  error: z.string(),
  message: z.string(),
});
export type ErrorBody = z.infer<typeof errorBody>;

export const idParams = z.object({ id: uuid });

export const password = z
  .string()
  .min(12, 'must be at least 12 characters')
  .max(256, 'must be at most 256 characters');

export const email = z.email('must be an e-mail address').max(254).transform((v) => v.toLowerCase());

/**
 * Characters that reorder how text is displayed (bidirectional embeddings, overrides and isolates, the left-to-right,
 * right-to-left and Arabic letter marks). In a name they can make one name display as another (spoofing), so names
 * refuse them; free text (notes) keeps them, since right-to-left writing may need a mark.
 */
const bidiControls = /[\u061C\u200E\u200F\u202A-\u202E\u2066-\u2069]/u;
export const bidiControlProblem = 'must not contain bidirectional control characters (they can make a name display as another)';
export const hasBidiControl = (value: string): boolean => bidiControls.test(value);

/** A NUL character: PostgreSQL cannot store it in text, so every request is refused when any string holds one. */
export const nulProblem = 'must not contain the NUL character (U+0000)';
export const hasNul = (value: string): boolean => value.includes('\u0000');

/** A name (of a person, user or organisation): trimmed, without bidirectional control characters. */
export const nameText = (limits: { min?: number; max: number }) => {
  const base = z.string().trim();
  const bounded =
    limits.min === undefined
      ? base
      : base.min(limits.min, limits.min === 1 ? 'is required' : `must be at least ${limits.min} characters`);
  return bounded.max(limits.max).refine((value) => !hasBidiControl(value), bidiControlProblem);
};

export const displayName = nameText({ min: 1, max: 200 });
