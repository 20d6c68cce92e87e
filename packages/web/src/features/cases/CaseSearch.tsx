import { useState } from 'react';
import { Link } from 'react-router-dom';
import { useTranslation } from 'react-i18next';
import { caseSearchQuery } from '@palermo/contracts';
import { ErrorSummary } from '../../components/ErrorSummary';
import { TextField } from '../../components/fields';
import { StatusMessage } from '../../components/Status';
import { useContractForm } from '../../components/useForm';
import { searchCases, type CaseSearch as Criteria, type CaseSearchResult } from './api';
import { useFormats } from './format';
import { localiseCaseError, localiseIssues } from './problems';

/** The criteria given: what is left empty is not sent. */
const criteriaOf = ({ name, birthDate, reference }: { name: string; birthDate: string; reference: string }): Criteria => ({
  name: name.trim() || undefined,
  birthDate: birthDate || undefined,
  reference: reference.trim() || undefined,
});

/**
 * Finding a person by name (spelling variants included), birth date or case number. The criteria stay in this form:
 * a name must not end up in the browser's history or in a shared link.
 */
export function CaseSearch() {
  const { t } = useTranslation();
  const formats = useFormats();
  const [results, setResults] = useState<CaseSearchResult[] | null>(null);
  const form = useContractForm(
    caseSearchQuery,
    {
      name: { id: 'search-name', label: t('search.name') },
      birthDate: { id: 'search-birth-date', label: t('search.birthDate') },
      reference: { id: 'search-reference', label: t('search.reference') },
    },
    { name: '', birthDate: '', reference: '' },
    {
      request: criteriaOf,
      also: (values) => {
        const criteria = criteriaOf(values);
        return !criteria.name && !criteria.birthDate && !criteria.reference ? [{ field: 'name', problem: 'give a name, a birth date or a case number' }] : [];
      },
      localise: (issues) => localiseIssues(t, issues),
    },
  );

  // The criteria as given are sent, not the parsed query (which adds the server's own default limit).
  const search = form.check(async () => {
    const criteria = criteriaOf(form.values());
    setResults(null);
    await form.run(async () => {
      try {
        setResults(await searchCases(criteria));
      } catch (error) {
        throw localiseCaseError(t, error);
      }
    });
  });

  return (
    <section aria-labelledby="search-title">
      <h2 id="search-title">{t('search.title')}</h2>
      <p className="hint">{t('search.intro')}</p>
      <ErrorSummary form={form} />
      <form onSubmit={(event) => void search(event)} noValidate className="filters" aria-labelledby="search-title">
        <TextField id="search-name" label={t('search.name')} optional {...form.text('name')} autoComplete="off" />
        <TextField
          id="search-birth-date"
          type="date"
          label={t('search.birthDate')}
          optional
          {...form.text('birthDate')}
        />
        <TextField
          id="search-reference"
          label={t('search.reference')}
          optional
          {...form.text('reference')}
          autoComplete="off"
          spellCheck={false}
        />
        <button type="submit" className="button-primary" aria-disabled={form.submitting || undefined}>
          {t('search.submit')}
        </button>
      </form>
      <StatusMessage>{results !== null ? t('search.found', { count: results.length }) : undefined}</StatusMessage>
      {results !== null && results.length > 0 ? (
        <div className="table-wrap" tabIndex={0} role="region" aria-labelledby="search-caption">
          <table>
            <caption id="search-caption">{t('search.caption')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('cases.colReference')}</th>
                <th scope="col">{t('search.colName')}</th>
                <th scope="col">{t('cases.colStage')}</th>
                <th scope="col">{t('cases.colStatus')}</th>
                <th scope="col">{t('cases.colOpened')}</th>
              </tr>
            </thead>
            <tbody>
              {results.map((result) => (
                <tr key={result.id}>
                  <th scope="row">
                    <Link to={`/cases/${result.id}`}>
                      <bdi>{result.reference}</bdi>
                    </Link>
                  </th>
                  <td>{result.displayName !== null ? <bdi>{result.displayName}</bdi> : <span className="muted">{t('search.nameNotShown')}</span>}</td>
                  <td>{result.stage === undefined ? null : t(`caseStages.${result.stage}`)}</td>
                  <td>{t(`caseStatuses.${result.status}`)}</td>
                  <td>{formats.dateTime(result.openedAt)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : null}
    </section>
  );
}
