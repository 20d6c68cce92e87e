import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router-dom';
import { useQueryClient } from '@tanstack/react-query';
import { Page } from '../../app/Page';
import { useActiveSession } from '../../app/session';
import { resourceQueryKey, useResource } from '../../app/useResource';
import { ErrorAlert, Loading } from '../../components/Status';
import { BodyForm } from './BodyForm';
import { createBody, getOptions, listBodies } from './api';
import { useCoordinationLabels } from './labels';
import { canEditCoordination, canSeeBodies, canSeeTrainings } from './permissions';
import '../cases/cases.css';

/** The coordination bodies the reader may see; links to the follow-up actions and the trainings; the coordinator creates a body here. */
export function BodiesPage() {
  const { t } = useTranslation();
  const session = useActiveSession();
  const labels = useCoordinationLabels();
  const navigate = useNavigate();
  const queries = useQueryClient();
  const seesBodies = canSeeBodies(session.capabilities);
  const edits = canEditCoordination(session.capabilities);
  const [list] = useResource(() => (seesBodies ? listBodies() : Promise.resolve([])), 'coordination:bodies');
  const [options] = useResource(() => (edits ? getOptions() : Promise.resolve(null)), 'coordination:options');
  return (
    <Page title={t('coordination.title')}>
      <p>{t('coordination.intro')}</p>
      <ul>
        {seesBodies ? (
          <li>
            <Link to="/coordination/actions">{t('coordination.actionsLink')}</Link>
          </li>
        ) : null}
        {canSeeTrainings(session.capabilities) ? (
          <li>
            <Link to="/coordination/trainings">{t('coordination.trainingsLink')}</Link>
          </li>
        ) : null}
      </ul>
      {seesBodies ? <h2>{t('coordination.bodies')}</h2> : null}
      {list.status === 'loading' ? <Loading /> : null}
      {list.status === 'failed' ? <ErrorAlert error={list.error} /> : null}
      {seesBodies && list.status === 'ready' && list.data.length === 0 ? <p>{t('coordination.noBodies')}</p> : null}
      {list.status === 'ready' && list.data.length > 0 ? (
        <div className="table-wrap" tabIndex={0} role="region" aria-labelledby="bodies-caption">
          <table>
            <caption id="bodies-caption">{t('coordination.bodiesCaption')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('coordination.bodyName')}</th>
                <th scope="col">{t('coordination.kind')}</th>
                <th scope="col">{t('coordination.theme')}</th>
                <th scope="col">{t('coordination.parent')}</th>
                <th scope="col">{t('coordination.memberCount')}</th>
                <th scope="col">{t('coordination.meetingCount')}</th>
                <th scope="col">{t('coordination.overdueCount')}</th>
              </tr>
            </thead>
            <tbody>
              {list.data.map((b) => (
                <tr key={b.id}>
                  <td>
                    <Link to={`/coordination/bodies/${b.id}`}>
                      <bdi>{b.name}</bdi>
                    </Link>
                  </td>
                  <td>{labels.kind(b.kind)}</td>
                  <td>{labels.theme(b.theme)}</td>
                  <td>{b.parentName ? <bdi>{b.parentName}</bdi> : t('coordination.noParent')}</td>
                  <td>{b.memberCount}</td>
                  <td>{b.meetingCount}</td>
                  <td>{b.overdueActionCount ? <strong className="badge badge-bad">{b.overdueActionCount}</strong> : 0}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : null}
      {edits ? (
        <section aria-labelledby="new-body">
          <h2 id="new-body">{t('coordination.createBody')}</h2>
          {options.status === 'failed' ? <ErrorAlert error={options.error} /> : null}
          {options.status === 'ready' && options.data ? (
            <BodyForm
              idPrefix="new-body"
              options={options.data}
              submitLabel={t('coordination.createBodySubmit')}
              onSave={async (body) => {
                const { id } = await createBody(body);
                await queries.invalidateQueries({ queryKey: [resourceQueryKey] });
                void navigate(`/coordination/bodies/${id}`);
              }}
            />
          ) : null}
        </section>
      ) : null}
    </Page>
  );
}
