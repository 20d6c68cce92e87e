import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useParams } from 'react-router-dom';
import { Page } from '../../app/Page';
import { useActiveSession } from '../../app/session';
import { useResource } from '../../app/useResource';
import { ErrorAlert, Loading } from '../../components/Status';
import { BodyForm } from './BodyForm';
import { MeetingForm } from './MeetingForm';
import { createMeeting, getBody, getOptions, updateBody } from './api';
import { useCoordinationLabels } from './labels';
import { canEditCoordination } from './permissions';
import '../cases/cases.css';

const row = (term: string, value: ReactNode) => (
  <div>
    <dt>{term}</dt>
    <dd>{value}</dd>
  </div>
);

/** One coordination body: the organisations sitting in it and its meetings; the coordinator records meetings and edits the body here. */
export function BodyPage() {
  const { t } = useTranslation();
  const { id = '' } = useParams();
  const session = useActiveSession();
  const labels = useCoordinationLabels();
  const navigate = useNavigate();
  const edits = canEditCoordination(session.capabilities);
  const [body, reload] = useResource(() => getBody(id), `coordination:body:${id}`);
  const [options] = useResource(() => (edits ? getOptions() : Promise.resolve(null)), 'coordination:options');
  if (body.status !== 'ready') {
    return <Page title={t('coordination.title')}>{body.status === 'loading' ? <Loading /> : <ErrorAlert error={body.error} />}</Page>;
  }
  const b = body.data;
  const members = b.members ?? [];
  const meetings = b.meetings ?? [];
  return (
    <Page title={b.name ?? t('coordination.title')}>
      <p>
        <Link to="/coordination">{t('coordination.backToBodies')}</Link>
      </p>
      <dl className="details">
        {row(t('coordination.kind'), labels.kind(b.kind))}
        {row(t('coordination.theme'), labels.theme(b.theme))}
        {row(t('coordination.parent'), b.parentId ? <Link to={`/coordination/bodies/${b.parentId}`}><bdi>{b.parentName}</bdi></Link> : t('coordination.noParent'))}
        {row(t('coordination.active'), b.activeTo ? t('coordination.activeRange', { from: labels.date(b.activeFrom), to: labels.date(b.activeTo) }) : t('coordination.activeSince', { from: labels.date(b.activeFrom) }))}
      </dl>
      <h2>{t('coordination.members')}</h2>
      {members.length === 0 ? <p>{t('coordination.noMembers')}</p> : (
        <div className="table-wrap" tabIndex={0} role="region" aria-labelledby="members-caption">
          <table>
            <caption id="members-caption">{t('coordination.membersCaption')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('coordination.memberOrganisation')}</th>
                <th scope="col">{t('coordination.memberRole')}</th>
              </tr>
            </thead>
            <tbody>
              {members.map((m) => (
                <tr key={m.organisationId}>
                  <td><bdi>{m.organisationName}</bdi></td>
                  <td>{labels.memberRole(m.role)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <h2>{t('coordination.meetings')}</h2>
      {meetings.length === 0 ? <p>{t('coordination.noMeetings')}</p> : (
        <div className="table-wrap" tabIndex={0} role="region" aria-labelledby="meetings-caption">
          <table>
            <caption id="meetings-caption">{t('coordination.meetingsCaption')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('coordination.meetingDate')}</th>
                <th scope="col">{t('coordination.place')}</th>
                <th scope="col">{t('coordination.decisionCount')}</th>
                <th scope="col">{t('coordination.actionCount')}</th>
                <th scope="col">{t('coordination.overdueCount')}</th>
              </tr>
            </thead>
            <tbody>
              {meetings.map((m) => (
                <tr key={m.id}>
                  <td><Link to={`/coordination/meetings/${m.id}`}>{labels.date(m.heldOn)}</Link></td>
                  <td>{m.place ? <bdi>{m.place}</bdi> : ''}</td>
                  <td>{m.decisionCount}</td>
                  <td>{m.actionCount}</td>
                  <td>{m.overdueActionCount ? <strong className="badge badge-bad">{m.overdueActionCount}</strong> : 0}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {edits ? (
        <>
          <section aria-labelledby="new-meeting">
            <h2 id="new-meeting">{t('coordination.recordMeetingTitle')}</h2>
            <MeetingForm
              idPrefix="meeting"
              submitLabel={t('coordination.recordMeeting')}
              onSave={async (request) => {
                const { id: meetingId } = await createMeeting(id, request);
                void navigate(`/coordination/meetings/${meetingId}`);
              }}
            />
          </section>
          {options.status === 'ready' && options.data ? (
            <details>
              <summary>{t('coordination.editBody')}</summary>
              <BodyForm
                idPrefix="edit-body"
                selfId={id}
                options={options.data}
                initial={{ name: b.name ?? '', kind: b.kind ?? 'other', theme: b.theme ?? 'all', parentId: b.parentId ?? null, activeFrom: b.activeFrom ?? '', activeTo: b.activeTo ?? null, members: members.map((m) => ({ organisationId: m.organisationId, role: m.role })) }}
                submitLabel={t('coordination.editBodySubmit')}
                onSave={async (request) => {
                  await updateBody(id, request);
                  reload();
                }}
              />
            </details>
          ) : null}
        </>
      ) : null}
    </Page>
  );
}
