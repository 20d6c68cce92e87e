/**
 * data-standard.md §4.8. HTCDS prs_Citizenship is a multi-select of ISO alpha-2 codes; CTDC holds one value (alpha-2
 * until 2020, alpha-3 from 2021); GLOTIP writes country names in `Category`, and `Nationals` for victims detected in
 * their own country (the reporting country is `Iso3_code`). Decisions: `citizenship.multiple`, `citizenship.nationals`.
 */

const ALPHA2 = /^[A-Z]{2}$/;

/** The one citizenship a single-valued export uses: the first listed valid code (decision `citizenship.multiple`). */
export function primaryCitizenship(citizenships: readonly string[]): string | null {
  return citizenships.map((c) => c.trim().toUpperCase()).find((c) => ALPHA2.test(c)) ?? null;
}

/**
 * GLOTIP `Category` of a victim in the `by citizenship` dimension: `Nationals` when any citizenship is the reporting
 * country's (decision `citizenship.nationals`), else the country name of the primary citizenship (names come from the
 * caller's M49 list), else `Unknown`.
 */
export function glotipCitizenshipCategory(
  citizenships: readonly string[],
  reportingCountryAlpha2: string,
  countryName: (alpha2: string) => string | undefined,
): string {
  const codes = citizenships.map((c) => c.trim().toUpperCase());
  if (codes.includes(reportingCountryAlpha2.trim().toUpperCase())) return 'Nationals';
  const primary = primaryCitizenship(codes);
  return (primary && countryName(primary)) || 'Unknown';
}
