import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import countries from 'i18n-iso-countries';
import { describe, expect, it } from 'vitest';
import { allAlpha3, alpha2OfAlpha3, statisticsLabelLanguages, statisticsLabels } from '@palermo/contracts';
import { downloadLabeller } from './statistics.labels.js';

/**
 * The words of the statistics download are the statistics page's: the contracts' copy agrees with the web locales,
 * key by key, in every language; and the country table the page names countries with agrees with ISO 3166-1.
 */
const locales = join(import.meta.dirname, '..', '..', '..', '..', 'web', 'src', 'i18n', 'locales');
type Tree = { [key: string]: string | Tree };
const read = (language: string) => JSON.parse(readFileSync(join(locales, `${language}.json`), 'utf8')) as Tree;
const at = (tree: Tree, path: string): string => {
  const value = path.split('.').reduce<string | Tree | undefined>((node, key) => (typeof node === 'object' ? node[key] : undefined), tree);
  if (typeof value !== 'string') throw new Error(`no locale string ${path}`);
  return value;
};
const camel = (id: string) => id.replace(/_(\w)/gu, (_, c: string) => c.toUpperCase());

const tableKeys: Record<string, string> = {
  ...Object.fromEntries(
    ['year_stage', 'year_status', 'sex', 'age_band', 'form', 'citizenship', 'country_of_exploitation', 'referring_organisation_type', 'reasonable_grounds', 'reflection', 'persons_referred', 'referrals', 'follow_up'].map((id) => [id, `statistics.figures.${camel(id)}`]),
  ),
  ...Object.fromEntries(['mean_days_to_reasonable_grounds', 'share_overdue', 'mean_reflection_days', 'share_referrals_accepted', 'share_referrals_completed'].map((id) => [id, `statistics.rates.${camel(id)}`])),
  glotip_reference: 'statistics.reference.title',
  disclosure_control: 'statistics.disclosureControl',
};
const sexKeys: Record<string, string> = { Woman: 'woman', Man: 'man', 'Trans/Transgender/NonConforming': 'trans' };
const valueKey = (dimension: string, code: string): string =>
  ({
    stage: `caseStages.${code}`,
    traffickingStatus: `traffickingStatuses.${code}`,
    sex: `statistics.sexes.${sexKeys[code] ?? code}`,
    form: `statistics.forms.${code}`,
    referringOrganisationType: `statistics.organisationTypes.${code}`,
    measure: `statistics.measures.${code}`,
  })[dimension] ?? `?${dimension}`;

describe('statistics download words', () => {
  for (const language of statisticsLabelLanguages) {
    it(`are the statistics page's words in ${language}`, () => {
      const tree = read(language);
      const words = statisticsLabels[language];
      expect(Object.keys(words.tables).sort()).toEqual(Object.keys(tableKeys).sort());
      for (const [id, key] of Object.entries(tableKeys)) expect(words.tables[id], id).toBe(at(tree, key));
      for (const [dimension, values] of Object.entries(words.values)) for (const [code, label] of Object.entries(values)) expect(label, `${dimension} ${code}`).toBe(at(tree, valueKey(dimension, code)));
      expect(Object.keys(words.values.stage ?? {}).sort()).toEqual(Object.keys(tree['caseStages'] as Tree).sort());
      expect(words.unknown).toBe(at(tree, 'statistics.unknown'));
      expect(words.total).toBe(at(tree, 'statistics.total'));
      expect(words.ageRange).toBe(at(tree, 'statistics.ageRange'));
      expect(words.ageOver).toBe(at(tree, 'statistics.ageOver'));
    });
  }

  it('name age bands and countries in the language, and leave unknown codes as they are', () => {
    const en = downloadLabeller('en');
    expect(en.value('ageBand', '09--17')).toBe('9 to 17');
    expect(en.value('ageBand', '48+')).toBe('48 and over');
    expect(en.value('citizenship', 'GBR')).toBe('United Kingdom');
    expect(en.value('citizenship', 'XKX')).toBe('Kosovo');
    expect(en.value('citizenship', 'QQQ')).toBe('QQQ');
    expect(en.table('share_overdue', 45)).toBe('Share of reasonable-grounds decisions taken late (deadline 45 days)');
    expect(downloadLabeller('fr').value('countryOfExploitation', 'DEU')).toBe('Allemagne');
  });

  it('country table agrees with ISO 3166-1 (i18n-iso-countries)', () => {
    const iso = countries.getAlpha3Codes();
    for (const [alpha3, alpha2] of Object.entries(iso)) expect(alpha2OfAlpha3(alpha3), alpha3).toBe(alpha2);
    expect(allAlpha3().filter((code) => !(code in iso))).toEqual(['XKX']);
    expect(alpha2OfAlpha3('nga')).toBe('NG');
  });
});
