import { useTranslation } from 'react-i18next';
import type { StatisticsFilters, StatisticsOptions } from '@palermo/contracts';
import type { FilterKey } from './api';
import { datasetName, dimensionLabel, valueLabel } from './labels';

const dimensionFilters = [
  ['sex', 'sex'],
  ['ageBand', 'ageBand'],
  ['form', 'form'],
  ['citizenship', 'citizenship'],
  ['countryOfExploitation', 'countryOfExploitation'],
  ['referringOrganisationType', 'referringOrganisationType'],
] as const;

/**
 * The filters, kept in the page's address: each change replaces the search parameters (so a filtered view can be
 * bookmarked, shared and reloaded), and the figures follow.
 */
export function Filters({ filters, options, onChange }: { filters: StatisticsFilters; options: StatisticsOptions; onChange: (key: FilterKey, value: string) => void }) {
  const { t, i18n } = useTranslation();
  const language = i18n.language;
  const collator = new Intl.Collator(language);
  const years = options.years;
  const select = (key: FilterKey, label: string, values: Array<{ value: string; label: string }>, anyLabel: string) => {
    const current = filters[key] === undefined ? '' : String(filters[key]);
    const listed = current !== '' && !values.some((v) => v.value === current) ? [...values, { value: current, label: current }] : values;
    return (
      <div className="field" key={key}>
        <label htmlFor={`statistics-${key}`}>{label}</label>
        <select id={`statistics-${key}`} value={current} onChange={(e) => onChange(key, e.target.value)}>
          <option value="">{anyLabel}</option>
          {listed.map((v) => (
            <option key={v.value} value={v.value}>
              {v.label}
            </option>
          ))}
        </select>
      </div>
    );
  };
  // Countries are listed by name in the reader's language, in its alphabetical order; other lists keep their order.
  const labelled = (dimension: (typeof dimensionFilters)[number][1], values: readonly string[]) => {
    const list = values.map((value) => ({ value, label: valueLabel(t, dimension, value, language) }));
    return dimension === 'citizenship' || dimension === 'countryOfExploitation' ? list.sort((a, b) => collator.compare(a.label, b.label)) : list;
  };
  return (
    <form className="filters" aria-label={t('statistics.filtersTitle')} onSubmit={(e) => e.preventDefault()}>
      {select(
        'dataset',
        t('statistics.dataset'),
        options.datasets.map((d) => ({ value: d.id, label: `${d.synthetic ? `${t('statistics.syntheticMark')} ` : ''}${datasetName(t, d)}` })),
        t('statistics.defaultDataset'),
      )}
      {select('yearFrom', t('statistics.yearFrom'), years.map((y) => ({ value: String(y), label: String(y) })), t('statistics.anyYear'))}
      {select('yearTo', t('statistics.yearTo'), years.map((y) => ({ value: String(y), label: String(y) })), t('statistics.anyYear'))}
      {dimensionFilters.map(([key, dimension]) =>
        select(
          key,
          dimensionLabel(t, dimension),
          labelled(dimension, options.values[dimension]),
          t('statistics.any'),
        ),
      )}
    </form>
  );
}
