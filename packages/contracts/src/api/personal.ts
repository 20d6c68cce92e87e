import type { z } from 'zod';

/**
 * Tags for the response contracts, kept as zod metadata (and so in the OpenAPI document as `x-personal` and
 * `x-record`):
 * - `personal(schema)`: the field carries personal data (about a survivor or presumed victim). Every route whose
 *   response contains such a field is held by the property tests to the field policy of its record kind.
 * - `recordKind(kind, schema)`: the object is one record of this kind, presented through the server's field policy
 *   for that kind (packages/server/src/modules/field-policies.ts); its fields are named by their path in the object.
 */
export const personalTag = 'x-personal';
export const recordTag = 'x-record';

export function personal<T extends z.ZodType>(schema: T): T {
  return schema.meta({ [personalTag]: true });
}

export function recordKind<T extends z.ZodType>(kind: string, schema: T): T {
  return schema.meta({ [recordTag]: kind });
}
