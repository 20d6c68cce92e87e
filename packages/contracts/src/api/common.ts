import { z } from 'zod';

export const uuid = z.uuid();
export const isoDateTime = z.iso.datetime({ offset: true });
export const isoDate = z.iso.date();

/** Every 400 response: a machine-readable list of what was wrong and where. */
export const validationErrorBody = z.object({
  error: z.literal('validation'),
  message: z.string(),
  issues: z.array(z.object({ field: z.string(), problem: z.string() })),
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
export const displayName = z.string().trim().min(1, 'is required').max(200);
