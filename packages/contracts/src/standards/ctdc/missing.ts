import type { Vocabulary } from '../vocabulary.js';

/**
 * How CTDC files write "no value" (data-standard.md §2.1, §5): legacy `-99`, `Unknown`, empty, `NULL`. `Unknown` is
 * also a real category of gender and majority status ("not collected or explicitly unknown"); the codebook ties it
 * to hotline rows. CTDC 2024 flags are only `1` or empty.
 */
export const ctdcMissingValues = {
  id: 'ctdc.missing',
  standard: 'CTDC',
  version: 'all editions',
  source: 'CTDC codebook v6, data dictionary 2018, synthetic codebook v2 (data-standard.md §2.1, §5)',
  codes: [
    { code: '-99', label: 'Missing (k-anonymised dataset)' },
    { code: 'Unknown', label: 'Not collected or explicitly unknown' },
    { code: '', label: 'Empty' },
    { code: 'NULL', label: 'NULL (synthetic datasets)' },
  ],
} as const satisfies Vocabulary;

/** Country codes CTDC uses for an unknown country: `ZZ` (codebook), `00` "Unknown Country" (dictionary), `0` (files). */
export const ctdcUnknownCountryCodes = ['ZZ', '00', '0'] as const;

/** True when a CTDC cell holds no information. `Unknown` counts as missing here; read it as a category where the
 * codebook lists it (gender, majority status) before calling this. */
export function isCtdcMissing(value: string | null | undefined): boolean {
  if (value === null || value === undefined) return true;
  const v = value.trim();
  return ctdcMissingValues.codes.some((c) => c.code === v);
}
