import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { describedBy, HintAndError } from '../../components/fields';
import { ErrorSummary } from '../../components/ErrorSummary';
import { useForm } from '../../components/useForm';
import { DownloadLink } from '../../components/DownloadLink';
import type { FunnelLanguage } from '@palermo/contracts';
import { glotipExportUrl, glotipOffendersUrl } from './api';

/**
 * The country's official GLOTIP / SDG 16.2.2 submission (exact tables, counts below 5 masked; national rapporteur
 * only, audited), and its offender tables from the prosecution records (perturbed; labelled in the reader's
 * language, methodology included). Record-level data is not exported here: it leaves only as a release.
 */
export function ExportSection() {
  const { t, i18n } = useTranslation();
  const language = (['en', 'fr', 'ar'].includes(i18n.language) ? i18n.language : 'en') as FunnelLanguage;
  const [country, setCountry] = useState('');
  const [population, setPopulation] = useState('');
  const form = useForm({
    country: { id: 'export-country', label: t('imports.country') },
    population: { id: 'export-population', label: t('imports.population') },
  });
  const countryError = form.errorFor('country');
  const populationError = form.errorFor('population');

  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const issues = [];
    if (!/^[A-Za-z]{2,3}$/.test(country.trim())) issues.push({ field: 'country', problem: t('imports.countryProblem') });
    if (population.trim() !== '' && !/^[1-9]\d*$/.test(population.trim())) issues.push({ field: 'population', problem: t('imports.populationProblem') });
    if (issues.length > 0) {
      form.fail(issues);
      return;
    }
    form.reset();
    window.location.assign(glotipExportUrl(country, population));
  }

  return (
    <section aria-labelledby="export-title">
      <h2 id="export-title">{t('imports.exportTitle')}</h2>
      <p>{t('imports.exportIntro')}</p>
      <p>{t('imports.recordsThroughReleases')}</p>
      <ErrorSummary form={form} />
      <form onSubmit={onSubmit} noValidate>
        <div className={countryError ? 'field field-invalid' : 'field'}>
          <label htmlFor="export-country">{t('imports.country')}</label>
          <HintAndError id="export-country" hint={t('imports.countryHint')} error={countryError} />
          <input
            id="export-country"
            value={country}
            autoComplete="off"
            maxLength={3}
            aria-describedby={describedBy('export-country', t('imports.countryHint'), countryError)}
            aria-invalid={countryError ? true : undefined}
            onChange={(event) => setCountry(event.target.value)}
          />
        </div>
        <div className={populationError ? 'field field-invalid' : 'field'}>
          <label htmlFor="export-population">
            {t('imports.population')} {t('form.optional')}
          </label>
          <HintAndError id="export-population" hint={t('imports.populationHint')} error={populationError} />
          <input
            id="export-population"
            inputMode="numeric"
            value={population}
            aria-describedby={describedBy('export-population', t('imports.populationHint'), populationError)}
            aria-invalid={populationError ? true : undefined}
            onChange={(event) => setPopulation(event.target.value)}
          />
        </div>
        <button type="submit">{t('imports.downloadGlotip')}</button>
      </form>
      <h3 id="export-offenders-title">{t('imports.offendersTitle')}</h3>
      <p>{t('imports.offendersIntro')}</p>
      <p>
        <DownloadLink href={glotipOffendersUrl('csv', language)} fileName="glotip-offenders.csv">
          {t('imports.downloadOffendersCsv')}
        </DownloadLink>{' '}
        <DownloadLink href={glotipOffendersUrl('xlsx', language)} fileName="glotip-offenders.xlsx">
          {t('imports.downloadOffendersXlsx')}
        </DownloadLink>
      </p>
    </section>
  );
}
