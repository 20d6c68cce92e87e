import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router-dom';
import type { FollowUpActionView } from '@palermo/contracts';
import { Page } from '../../app/Page';
import { useActiveSession } from '../../app/session';
import { useResource } from '../../app/useResource';
import { ErrorAlert, Loading } from '../../components/Status';
import { ActionForm, ActionsTable } from './ActionForms';
import { getMeeting, getOptions, updateMeeting } from './api';
import { MeetingForm } from './MeetingForm';
import { useCoordinationLabels } from './labels';
import { canEditCoordination } from './permissions';
import '../cases/cases.css';

/** A name typed in any script, isolated inside a sentence of the reader's language (first strong isolate ... pop). */
const isolate = (text: string | null | undefined) => `\u2068${text ?? ''}\u2069`;

/** One meeting: where and when, the summary of its minutes, its decisions and the follow-up actions they assigned. */
export function MeetingPage() {
  const { t } = useTranslation();
  const { id = '' } = useParams();
  const session = useActiveSession();
  const labels = useCoordinationLabels();
  const edits = canEditCoordination(session.capabilities);
  const [meeting, reload] = useResource(() => getMeeting(id), `coordination:meeting:${id}`);
  const [options] = useResource(() => (edits ? getOptions() : Promise.resolve(null)), 'coordination:options');
  if (meeting.status !== 'ready') {
    return <Page title={t('coordination.meetingTitle')}>{meeting.status === 'loading' ? <Loading /> : <ErrorAlert error={meeting.error} />}</Page>;
  }
  const m = meeting.data;
  const decisions = m.decisions ?? [];
  const actions = (m.actions ?? []) as FollowUpActionView[];
  return (
    <Page title={t('coordination.meetingOf', { body: isolate(m.bodyName), date: isolate(labels.date(m.heldOn)) })}>
      <p>
        <Link to={`/coordination/bodies/${m.bodyId ?? ''}`}>{t('coordination.backToBody', { body: isolate(m.bodyName) })}</Link>
      </p>
      {m.place ? <p>{t('coordination.heldAt', { place: isolate(m.place) })}</p> : null}
      <h2>{t('coordination.minutes')}</h2>
      {m.minutes ? <p className="record-notes"><bdi>{m.minutes}</bdi></p> : <p>{t('coordination.noMinutes')}</p>}
      <h2>{t('coordination.decisions')}</h2>
      {decisions.length === 0 ? <p>{t('coordination.noDecisions')}</p> : (
        <ol>
          {decisions.map((d) => (
            <li key={d.id}><bdi>{d.text}</bdi></li>
          ))}
        </ol>
      )}
      <h2>{t('coordination.actions')}</h2>
      {actions.length === 0 ? <p>{t('coordination.noActions')}</p> : (
        <ActionsTable actions={actions} labels={labels} showMeeting={false} onSaved={reload} captionId="meeting-actions-caption" caption={t('coordination.actionsCaption')} />
      )}
      {edits && options.status === 'ready' && options.data ? (
        <section aria-labelledby="new-action">
          <h2 id="new-action">{t('coordination.addActionTitle')}</h2>
          <ActionForm meeting={m} options={options.data} onSaved={reload} />
        </section>
      ) : null}
      {edits ? (
        <details>
          <summary>{t('coordination.editMeeting')}</summary>
          <MeetingForm
            idPrefix="edit-meeting"
            initial={{ heldOn: m.heldOn ?? '', place: m.place ?? null, minutes: m.minutes ?? '', decisions: decisions.map((d) => d.text) }}
            submitLabel={t('coordination.editMeetingSubmit')}
            onSave={async (request) => {
              await updateMeeting(id, request);
              reload();
            }}
          />
        </details>
      ) : null}
    </Page>
  );
}
