import i18next, { type TFunction } from 'i18next';
import { STATISTICS_UNKNOWN, alpha2OfAlpha3, htcdsOrgTypes, type HtcdsOrgType } from '@palermo/contracts';

const sexKeys: Record<string, 'woman' | 'man' | 'trans'> = { Woman: 'woman', Man: 'man', 'Trans/Transgender/NonConforming': 'trans', Female: 'woman', Male: 'man' };

const regionNames = new Map<string, Intl.DisplayNames>();

/** A country's name in the language (from its alpha-3 or alpha-2 code), or undefined when the code is not a country. */
export function countryName(code: string, language: string): string | undefined {
  const alpha2 = code.length === 3 ? alpha2OfAlpha3(code) : code.length === 2 ? code.toUpperCase() : undefined;
  if (alpha2 === undefined) return undefined;
  let names = regionNames.get(language);
  if (!names) {
    names = new Intl.DisplayNames([language, 'en'], { type: 'region', fallback: 'none' });
    regionNames.set(language, names);
  }
  try {
    return names.of(alpha2) ?? undefined;
  } catch {
    return undefined;
  }
}

/**
 * An age band in words: CTDC writes `09--17` and `48+`; the reader sees "9 to 17" and "48 and over" in her language,
 * with the numbers in her language's digits.
 */
export function ageBandLabel(t: TFunction, key: string, language: string): string {
  const number = new Intl.NumberFormat(language, { useGrouping: false });
  const range = /^(\d+)\s*-+\s*(\d+)$/u.exec(key);
  if (range) return t('statistics.ageRange', { from: number.format(Number(range[1])), to: number.format(Number(range[2])) });
  const over = /^(\d+)\+$/u.exec(key);
  if (over) return t('statistics.ageOver', { from: number.format(Number(over[1])) });
  return key;
}

/** The label of a value of a dimension (codes the vocabulary does not know are shown as they are). */
export function valueLabel(t: TFunction, dimension: string, key: string, language: string = i18next.language || 'en'): string {
  if (key === STATISTICS_UNKNOWN) return t('statistics.unknown');
  switch (dimension) {
    case 'stage':
      return t(`caseStages.${key}`, { defaultValue: key });
    case 'traffickingStatus':
      return t(`traffickingStatuses.${key}`, { defaultValue: key });
    case 'sex': {
      const sex = sexKeys[key];
      return sex ? t(`statistics.sexes.${sex}`) : key;
    }
    case 'ageBand':
      return ageBandLabel(t, key, language);
    case 'citizenship':
    case 'countryOfExploitation':
      return countryName(key, language) ?? key;
    case 'form':
      return t(`statistics.forms.${key}`, { defaultValue: key });
    case 'referringOrganisationType':
      return (htcdsOrgTypes as readonly string[]).includes(key) ? t(`statistics.organisationTypes.${key as HtcdsOrgType}`) : key;
    case 'measure':
      return t(`statistics.measures.${key}`, { defaultValue: key });
    default:
      return key;
  }
}

/** The label of a dimension itself (table headers, filter labels). */
export function dimensionLabel(t: TFunction, dimension: string): string {
  return t(`statistics.dimensions.${dimension}`, { defaultValue: dimension });
}

/**
 * A dataset's name in the reader's language: the country's own dataset and the synthetic demonstration data are named
 * by what they are (their stored names are English); an imported file keeps its file name.
 */
export function datasetName(t: TFunction, dataset: { kind: string; name: string }): string {
  if (dataset.kind === 'country_cases') return t('statistics.datasetKinds.country_cases');
  if (dataset.kind === 'synthetic') return t('statistics.datasetKinds.synthetic');
  return dataset.name;
}
