import { ctdc2017AgeBroad } from '../ctdc/k-anonymised.js';
import { ctdc2024AgeBroad } from '../ctdc/synthetic-v2.js';
import { glotipAge } from '../glotip/glotip.js';
import type { CodeOf } from '../vocabulary.js';
import { defineCrosswalk } from './crosswalk.js';

/**
 * data-standard.md §4.2. HTCDS has no age band (prs_Birthdate, vic_AgeWhenTrafficked): bands are computed at a
 * reference date — GLOTIP: age at detection; CTDC ageBroad and majorityStatus: age at registration or
 * identification; CTDC majorityStatusAtExploit: vic_AgeWhenTrafficked.
 */
const REF = 'data-standard.md §4.2';

/** Inclusive CTDC bands; 0–8 and 9–17 are minors. The 2024/25 CSV writes `09--17`, 2017–2021 files `9--17`. */
export const ctdcAgeBands = [
  { min: 0, max: 8, ctdc2017: '0--8', ctdc2024: '0--8' },
  { min: 9, max: 17, ctdc2017: '9--17', ctdc2024: '09--17' },
  { min: 18, max: 20, ctdc2017: '18--20', ctdc2024: '18--20' },
  { min: 21, max: 23, ctdc2017: '21--23', ctdc2024: '21--23' },
  { min: 24, max: 26, ctdc2017: '24--26', ctdc2024: '24--26' },
  { min: 27, max: 29, ctdc2017: '27--29', ctdc2024: '27--29' },
  { min: 30, max: 38, ctdc2017: '30--38', ctdc2024: '30--38' },
  { min: 39, max: 47, ctdc2017: '39--47', ctdc2024: '39--47' },
  { min: 48, max: Number.POSITIVE_INFINITY, ctdc2017: '48+', ctdc2024: '48+' },
] as const satisfies ReadonlyArray<{
  min: number;
  max: number;
  ctdc2017: CodeOf<typeof ctdc2017AgeBroad>;
  ctdc2024: CodeOf<typeof ctdc2024AgeBroad>;
}>;

type GlotipAge = CodeOf<typeof glotipAge>;
const ADULT: GlotipAge = '18 years or over';
const MINOR: GlotipAge = '0 to 17 years';

export const ctdc2017AgeToGlotip = defineCrosswalk({
  id: 'ctdc2017.ageBroad->glotip.Age',
  from: ctdc2017AgeBroad,
  to: glotipAge,
  reference: REF,
  entries: ctdcAgeBands.map((b) => ({ from: b.ctdc2017, to: [b.max < 18 ? MINOR : ADULT], basis: 'doc' as const })),
});

export const ctdc2024AgeToGlotip = defineCrosswalk({
  id: 'ctdc2024.ageBroad->glotip.Age',
  from: ctdc2024AgeBroad,
  to: glotipAge,
  reference: REF,
  entries: ctdcAgeBands.map((b) => ({ from: b.ctdc2024, to: [b.max < 18 ? MINOR : ADULT], basis: 'doc' as const })),
});

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** Age in full years on a date (both `YYYY-MM-DD`); null when either date is unreadable or birth is after `on`. */
export function ageOn(birthDate: string, on: string): number | null {
  const b = ISO_DATE.exec(birthDate);
  const d = ISO_DATE.exec(on);
  if (!b || !d) return null;
  const [by, bm, bd] = [Number(b[1]), Number(b[2]), Number(b[3])];
  const [dy, dm, dd] = [Number(d[1]), Number(d[2]), Number(d[3])];
  const age = dy - by - (dm < bm || (dm === bm && dd < bd) ? 1 : 0);
  return age >= 0 ? age : null;
}

function band(age: number) {
  return ctdcAgeBands.find((b) => age >= b.min && age <= b.max);
}

/** CTDC ageBroad: the band code, or the edition's missing value (`-99` before 2024, null from 2024). */
export function ctdcAgeBand(age: number | null, edition: '2017' | '2024'): string | null {
  const found = age === null || !Number.isInteger(age) || age < 0 ? undefined : band(age);
  if (!found) return edition === '2017' ? '-99' : null;
  return edition === '2017' ? found.ctdc2017 : found.ctdc2024;
}

/** CTDC majorityStatus, majorityStatusAtExploit and majorityEntry: under 18 is `Minor`. */
export function majorityStatusOf(age: number | null): 'Minor' | 'Adult' | 'Unknown' {
  if (age === null || age < 0) return 'Unknown';
  return age < 18 ? 'Minor' : 'Adult';
}

/** GLOTIP `Age` of a victim from the age at detection. */
export function glotipAgeGroup(age: number | null): GlotipAge {
  if (age === null || age < 0) return 'Unknown';
  return age < 18 ? MINOR : ADULT;
}
