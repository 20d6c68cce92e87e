import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router-dom';
import { Page } from '../../app/Page';
import { useResource } from '../../app/useResource';
import { SelectField } from '../../components/fields';
import { ErrorAlert, Loading } from '../../components/Status';
import { compareAssessments, listAssessments } from './api';
import { ChecklistComparison } from './ChecklistComparison';
import { useDeterminantLabels } from './labels';
import '../cases/cases.css';

/** Two assessments side by side: the reader chooses the other (an earlier one by default), the server says what changed direction. */
export function ComparePage() {
  const { t, i18n } = useTranslation();
  const { id = '' } = useParams();
  const labels = useDeterminantLabels();
  const [list] = useResource(listAssessments, 'determinant-assessments');
  const [other, setOther] = useState('');
  const [comparison] = useResource(() => (other ? compareAssessments(id, other) : Promise.resolve(null)), `determinant-comparison:${id}:${other}`);
  const current = list.status === 'ready' ? list.data.find((a) => a.id === id) : undefined;
  const others = list.status === 'ready' ? list.data.filter((a) => a.id !== id && (!current?.periodFrom || !a.periodFrom || a.periodFrom <= current.periodFrom)) : [];
  const direction = (code: string | null) => (code ? labels.direction(code) : t('determinants.notRecorded'));
  const names = (codes: readonly string[]) => new Intl.ListFormat(i18n.language, { type: 'conjunction' }).format(codes.map(labels.determinant));
  return (
    <Page title={t('determinants.compareTitle')}>
      <p>
        <Link to={`/determinants/${id}`}>{t('determinants.back')}</Link>
      </p>
      {list.status === 'loading' ? <Loading /> : null}
      {list.status === 'failed' ? <ErrorAlert error={list.error} /> : null}
      {list.status === 'ready' && others.length === 0 ? <p>{t('determinants.noOther')}</p> : null}
      {others.length > 0 ? (
        <form className="narrow" onSubmit={(event) => event.preventDefault()}>
          <SelectField id="compare-with" label={t('determinants.compareWith')} value={other} onValueChange={setOther}>
            <option value="">{t('determinants.choose')}</option>
            {others.map((a) => (
              <option key={a.id} value={a.id}>
                {`${a.title ?? ''} (${labels.period(a.periodFrom, a.periodTo)})`}
              </option>
            ))}
          </SelectField>
        </form>
      ) : null}
      {comparison.status === 'failed' ? <ErrorAlert error={comparison.error} /> : null}
      {comparison.status === 'ready' && comparison.data ? (
        <>
          <p role="status">
            {comparison.data.rows.some((r) => r.changed)
              ? t('determinants.changedCount', { names: names(comparison.data.rows.filter((r) => r.changed).map((r) => r.determinant)) })
              : t('determinants.noneChanged')}
          </p>
          <div className="table-wrap" tabIndex={0} role="region" aria-labelledby="compare-caption">
            <table>
              <caption id="compare-caption">{t('determinants.compareCaption')}</caption>
              <thead>
                <tr>
                  <th scope="col">{t('determinants.determinant')}</th>
                  <th scope="col" className="heading-wraps">
                    <bdi>{comparison.data.earlier.title}</bdi> ({labels.period(comparison.data.earlier.periodFrom, comparison.data.earlier.periodTo)})
                  </th>
                  <th scope="col" className="heading-wraps">
                    <bdi>{comparison.data.later.title}</bdi> ({labels.period(comparison.data.later.periodFrom, comparison.data.later.periodTo)})
                  </th>
                  <th scope="col">{t('determinants.changed')}</th>
                </tr>
              </thead>
              <tbody>
                {comparison.data.rows.map((r) => (
                  <tr key={r.determinant} className={r.changed ? 'changed' : undefined}>
                    <th scope="row">{labels.determinant(r.determinant)}</th>
                    <td>{direction(r.earlier)}</td>
                    <td>{direction(r.later)}</td>
                    <td>{r.changed ? <strong>{t('determinants.changedYes')}</strong> : t('determinants.changedNo')}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          <ChecklistComparison comparison={comparison.data} />
        </>
      ) : null}
    </Page>
  );
}
