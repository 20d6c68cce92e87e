import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router-dom';
import { useQueryClient } from '@tanstack/react-query';
import { Page } from '../../app/Page';
import { useActiveSession } from '../../app/session';
import { resourceQueryKey, useResource } from '../../app/useResource';
import { ErrorAlert, Loading } from '../../components/Status';
import { AssessmentForm } from './AssessmentForm';
import { createAssessment, listAssessments } from './api';
import { useDeterminantLabels } from './labels';
import { canRecordDeterminants } from './permissions';
import '../cases/cases.css';

/** The determinants assessments, latest period first; the rapporteur creates one here and lands on its page. */
export function AssessmentsPage() {
  const { t } = useTranslation();
  const session = useActiveSession();
  const labels = useDeterminantLabels();
  const navigate = useNavigate();
  const queries = useQueryClient();
  const [list] = useResource(listAssessments, 'determinant-assessments');
  return (
    <Page title={t('determinants.title')}>
      <p>{t('determinants.intro')}</p>
      {list.status === 'loading' ? <Loading /> : null}
      {list.status === 'failed' ? <ErrorAlert error={list.error} /> : null}
      {list.status === 'ready' && list.data.length === 0 ? <p>{t('determinants.none')}</p> : null}
      {list.status === 'ready' && list.data.length > 0 ? (
        <div className="table-wrap" tabIndex={0} role="region" aria-labelledby="assessments-caption">
          <table>
            <caption id="assessments-caption">{t('determinants.listCaption')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('determinants.assessmentTitle')}</th>
                <th scope="col">{t('determinants.country')}</th>
                <th scope="col">{t('determinants.period')}</th>
                <th scope="col">{t('determinants.entryCount')}</th>
              </tr>
            </thead>
            <tbody>
              {list.data.map((a) => (
                <tr key={a.id}>
                  <td>
                    <Link to={`/determinants/${a.id}`}>
                      <bdi>{a.title}</bdi>
                    </Link>
                  </td>
                  <td>
                    <bdi>{labels.country(a.country)}</bdi>
                  </td>
                  <td>{labels.period(a.periodFrom, a.periodTo)}</td>
                  <td>{a.entryCount}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : null}
      {canRecordDeterminants(session.capabilities) ? (
        <section aria-labelledby="new-assessment">
          <h2 id="new-assessment">{t('determinants.create')}</h2>
          <AssessmentForm
            idPrefix="new-assessment"
            submitLabel={t('determinants.createSubmit')}
            onSave={async (body) => {
              const { id } = await createAssessment(body);
              await queries.invalidateQueries({ queryKey: [resourceQueryKey] });
              void navigate(`/determinants/${id}`);
            }}
          />
        </section>
      ) : null}
    </Page>
  );
}
