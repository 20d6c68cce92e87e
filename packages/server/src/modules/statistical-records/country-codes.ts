import countries from 'i18n-iso-countries';

/**
 * ISO 3166-1 country codes between the two forms the field uses: HTCDS and CTDC 2017 files write alpha-2, CTDC from
 * 2021 and the statistical records alpha-3 (data-standard.md §2.1, §4.8). The code tables come from
 * i18n-iso-countries (kept up to date with ISO 3166-1).
 */

/** Kosovo has no ISO code; the field writes XK / XKX (CTDC v2 counts it with Serbia). */
const USER_ASSIGNED: Readonly<Record<string, string>> = { XK: 'XKX' };
const USER_ASSIGNED_3: Readonly<Record<string, string>> = { XKX: 'XK' };

/** The alpha-3 code of an alpha-2 code, or null when it is not an assigned code. */
export function alpha3Of(alpha2: string): string | null {
  const code = alpha2.trim().toUpperCase();
  return USER_ASSIGNED[code] ?? countries.alpha2ToAlpha3(code) ?? null;
}

/** The alpha-2 code of an alpha-3 code, or null when it is not an assigned code. */
export function alpha2Of(alpha3: string): string | null {
  const code = alpha3.trim().toUpperCase();
  return USER_ASSIGNED_3[code] ?? countries.alpha3ToAlpha2(code) ?? null;
}

/** True when the code is an assigned alpha-3 code. */
export function isAlpha3(code: string): boolean {
  return alpha2Of(code) !== null;
}

/** The English short name of a country (alpha-3), as GLOTIP's `by citizenship` categories write it. */
export function countryNameOf(alpha3: string): string | null {
  return countries.getName(alpha3, 'en') ?? null;
}
