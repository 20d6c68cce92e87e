/**
 * Why an estimate could not be produced.
 * - `bad-input`: the overlap table itself is wrong (the message names the line and column).
 * - `not-estimable`: the data cannot support the requested model (lists that never overlap, a maximum likelihood
 *   estimate that does not exist, or one that is not identifiable).
 * - `did-not-converge`: the numerical fit failed; reported rather than returning a meaningless figure.
 */
export type EstimationErrorCode = 'bad-input' | 'not-estimable' | 'did-not-converge';

export class EstimationError extends Error {
  constructor(
    message: string,
    readonly code: EstimationErrorCode,
  ) {
    super(message);
    this.name = 'EstimationError';
  }
}

/** Reads element `i`, failing loudly on an out-of-range index instead of yielding `undefined` (or a silent 0). */
export function el(values: ArrayLike<number>, i: number): number {
  const value = values[i];
  if (value === undefined) throw new RangeError(`index ${i} outside an array of length ${values.length}`);
  return value;
}
