/**
 * An element the code knows is there (an index within bounds, a key just set): its value, or an error naming what was
 * missing if that knowledge was wrong. Replaces non-null assertions, which would let such a bug pass silently.
 */
export function must<T>(value: T | undefined | null, what = 'value'): T {
  if (value === undefined || value === null) throw new Error(`Internal error: missing ${what}`);
  return value;
}
