import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router-dom';
import type { StatisticsReport } from '@palermo/contracts';
import { Page } from '../../app/Page';
import { useResource } from '../../app/useResource';
import { ErrorAlert, Loading } from '../../components/Status';
import { downloadHref, filtersFrom, loadStatistics, loadStatisticsOptions, queryOf, type DownloadValues, type FilterKey } from './api';
import { Filters } from './Filters';
import { FigureTable } from './FigureTable';
import { PerformanceTable } from './Performance';
import { ReferenceComparison } from './Reference';
import { RefreshCountryData } from './RefreshCountryData';
import { RadioGroup } from '../cases/controls';
import { datasetName } from './labels';
import { DownloadLink } from '../../components/DownloadLink';

/**
 * The statistics section for the national coordinator and rapporteur: persons (one per person, however many
 * organisations know them) by year, stage and decision, their disaggregation, NRM performance and the GLOTIP
 * reference figures. Everything comes suppressed from the server; the filters live in the address.
 */
export function StatisticsPage() {
  const { t } = useTranslation();
  const [params, setParams] = useSearchParams();
  const filters = filtersFrom(params);
  const query = queryOf(filters);
  const [options, reloadOptions] = useResource(() => loadStatisticsOptions(filters.dataset), `statistics-options-${filters.dataset ?? ''}`);
  const [report, reloadReport] = useResource(() => loadStatistics(filters), `statistics-${query}`);

  function change(key: FilterKey, value: string) {
    const next = new URLSearchParams(params);
    if (value === '') next.delete(key);
    else next.set(key, value);
    // Another dataset has other values: start its filters afresh.
    if (key === 'dataset') for (const other of [...next.keys()]) if (other !== 'dataset') next.delete(other);
    setParams(next);
  }

  return (
    <Page title={t('statistics.title')}>
      <p>{t('statistics.intro')}</p>
      {options.status === 'failed' ? <ErrorAlert error={options.error} /> : null}
      {options.status === 'ready' ? (
        options.data.datasets.length === 0 ? (
          <p>{t('statistics.noDataset')}</p>
        ) : (
          <Filters filters={filters} options={options.data} onChange={change} />
        )
      ) : null}
      {report.status === 'loading' ? <Loading /> : null}
      {report.status === 'failed' ? <ErrorAlert error={report.error} /> : null}
      {report.status === 'ready' ? <Report report={report.data} query={query} /> : null}
      <RefreshCountryData
        onRefreshed={() => {
          reloadOptions();
          reloadReport();
        }}
      />
    </Page>
  );
}

function Report({ report, query }: { report: StatisticsReport; query: string }) {
  const { t, i18n } = useTranslation();
  const { threshold } = report;
  const table = (id: string) => report.tables.find((x) => x.id === id);
  const figure = (id: string, title: string, stacked = false) => {
    const found = table(id);
    return found ? <FigureTable key={id} table={found} title={title} threshold={threshold} stacked={stacked} /> : null;
  };
  const years = table('year_stage')?.rows.map((r) => r.key) ?? [];
  const filters = filtersFrom(new URLSearchParams(query));
  const built = new Intl.DateTimeFormat(i18n.language, { dateStyle: 'medium', timeStyle: 'short' }).format(new Date(report.builtAt));
  const [values, setValues] = useState<DownloadValues>('labels');
  return (
    <>
      {report.dataset.synthetic ? (
        <p className="alert" role="note">
          {t('statistics.syntheticNotice')}
        </p>
      ) : null}
      <p>{t('statistics.datasetLine', { name: datasetName(t, report.dataset), built })}</p>
      <p className="note" role="note" data-testid="perturbation-note">
        {t('statistics.perturbationNote', { change: report.perturbation.maximumChange })}
      </p>
      <RadioGroup
        id="statistics-download-values"
        legend={t('statistics.downloadValues')}
        options={(['labels', 'codes'] as const).map((option) => ({ value: option, label: t(option === 'labels' ? 'statistics.downloadLabels' : 'statistics.downloadCodes') }))}
        value={values}
        onChange={setValues}
      />
      <p className="filter-buttons">
        <DownloadLink href={downloadHref(filters, 'csv', values, i18n.language)} fileName="statistics.csv">
          {t('statistics.downloadCsv')}
        </DownloadLink>{' '}
        <DownloadLink href={downloadHref(filters, 'xlsx', values, i18n.language)} fileName="statistics.xlsx">
          {t('statistics.downloadXlsx')}
        </DownloadLink>
      </p>

      <h2>{t('statistics.sections.identified')}</h2>
      {figure('year_stage', t('statistics.figures.yearStage'), true)}
      {figure('year_status', t('statistics.figures.yearStatus'), true)}

      <h2>{t('statistics.sections.disaggregation')}</h2>
      {figure('sex', t('statistics.figures.sex'))}
      {figure('age_band', t('statistics.figures.ageBand'))}
      {figure('form', t('statistics.figures.form'))}
      {figure('citizenship', t('statistics.figures.citizenship'))}
      {figure('country_of_exploitation', t('statistics.figures.countryOfExploitation'))}
      {figure('referring_organisation_type', t('statistics.figures.referringOrganisationType'))}

      <h2>{t('statistics.sections.performance')}</h2>
      <PerformanceTable performance={report.performance} years={years} />
      {figure('reasonable_grounds', t('statistics.figures.reasonableGrounds'))}
      {figure('reflection', t('statistics.figures.reflection'))}
      {figure('persons_referred', t('statistics.figures.personsReferred'))}
      {figure('referrals', t('statistics.figures.referrals'))}
      {figure('follow_up', t('statistics.figures.followUp'), true)}

      <h2>{t('statistics.sections.reference')}</h2>
      <ReferenceComparison reference={report.reference} threshold={threshold} />
    </>
  );
}
